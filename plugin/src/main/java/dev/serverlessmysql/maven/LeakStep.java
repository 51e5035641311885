package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The leak step: the agents' results judged, the accepted leaks applied, configuration that named nothing said. */
final class LeakStep {

    private LeakStep() {
    }

    /**
     * @param configured the class patterns the user configured, keyed as the agent records them
     *     ({@code clients:com.example.Db}), with the POM element that set them
     */
    static LeakOutcome judge(Evidence.Facts facts, List<AgentRun> runs, List<LeakException> exceptions,
            Map<String, String> configured) {
        Evidence.Verdict verdict = Evidence.leaks(facts, runs);
        LeakCheck.Result result = null;
        if (verdict.status() == Evidence.Status.CHECK) {
            try {
                result = new LeakCheck(exceptions).apply(runs);
            } catch (IllegalArgumentException e) {
                verdict = Evidence.Verdict.fail(e.getMessage(), null);
            }
        }
        return new LeakOutcome(verdict, result, null, unseen(runs, configured));
    }

    /** A note for every configured pattern that no class loaded in any test JVM matched. */
    static List<String> unseen(List<AgentRun> runs, Map<String, String> configured) {
        List<String> notes = new ArrayList<>();
        if (runs.isEmpty()) {
            return notes;
        }
        for (Map.Entry<String, String> e : configured.entrySet()) {
            boolean seen = false;
            boolean known = false;
            for (AgentRun r : runs) {
                Boolean s = r.patterns().get(e.getKey());
                known |= s != null;
                seen |= Boolean.TRUE.equals(s);
            }
            if (known && !seen) {
                String pattern = e.getKey().substring(e.getKey().indexOf(':') + 1);
                notes.add(e.getValue() + " names " + pattern + ", but no class the tests loaded matches it: check"
                        + " the name (a class, com.example.db.* for a package, com.example.db.** with subpackages).");
            }
        }
        return notes;
    }
}
