package dev.serverlessmysql.maven;

import java.util.List;

/**
 * The connection-leak verdict.
 *
 * @param verdict whether the agents' evidence can be trusted, or {@code null} when the check did not run
 * @param result the findings, when the verdict is {@link Evidence.Status#CHECK}
 * @param notChecked why the check did not run at all (for the summary), when {@code verdict} is {@code null}
 * @param notes further summary lines: configuration that named nothing the agent saw
 */
record LeakOutcome(Evidence.Verdict verdict, LeakCheck.Result result, String notChecked, List<String> notes) {

    LeakOutcome {
        notes = List.copyOf(notes);
    }

    /** The check did not run, and why. */
    static LeakOutcome notChecked(String why) {
        return new LeakOutcome(null, null, why, List.of());
    }

    /** Whether the leak check failed, by findings or for lack of evidence. */
    boolean failed() {
        return verdict != null && (verdict.status() == Evidence.Status.FAIL || (result != null && !result.passed()));
    }
}
