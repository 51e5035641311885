package dev.serverlessmysql.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one chaos run and the properties it must prove.
 *
 * @param plan what was run
 * @param faults faults injected or provoked, per kind
 * @param invocations invocations attempted
 * @param failures invocations that failed
 * @param failuresWhileDown of those, the ones that fell inside a window when the server was down (plus the client's
 *     retry deadline after it came back)
 * @param acknowledged transfers whose commit the client acknowledged
 * @param lost acknowledged transfers missing from the ledger: must be 0
 * @param appliedUnacknowledged transfers in the ledger whose invocation failed (the commit went through, its answer
 *     did not): allowed, and not lost
 * @param retriedAfterLoss transactions re-run by the handler after a lost connection
 * @param confirmedByLedger of those, the ones whose first attempt had committed after all
 * @param invariantHolds whether the balances sum to the opening total and every balance matches the ledger
 * @param recoveries per crash, from {@code start()} returning to the first acknowledged transfer after it
 * @param leakedThreads threads started by the run and still alive after every client quit
 * @param leakedSessions sessions of the application user left on the server after every client quit
 * @param unexplained failures outside any down window, each described
 * @param skipped faults that could not be injected, with the reason
 * @param wallTime how long the run took
 */
public record ChaosResult(ChaosPlan plan, Map<Fault, Integer> faults, int invocations, int failures,
        int failuresWhileDown, int acknowledged, int lost, int appliedUnacknowledged, int retriedAfterLoss,
        int confirmedByLedger, boolean invariantHolds, List<Duration> recoveries, List<String> leakedThreads,
        int leakedSessions, List<String> unexplained, List<String> skipped, Duration wallTime) {

    /** The longest a client may take to succeed again after the server is back. */
    public static final Duration RECOVERY_BOUND = Duration.ofSeconds(1);

    /** Every property the run failed to prove, in words; empty when the run passed. */
    public List<String> violations() {
        List<String> out = new ArrayList<>();
        if (lost != 0) {
            out.add(lost + " acknowledged transfers are missing from the ledger");
        }
        if (!invariantHolds) {
            out.add("the balances do not match the ledger: a transaction was half-applied");
        }
        if (!unexplained.isEmpty()) {
            out.add(unexplained.size() + " failures while the server was up: " + unexplained.subList(0,
                    Math.min(5, unexplained.size())));
        }
        if (recoveries.size() != faults.getOrDefault(Fault.CRASH_RESTART, 0)) {
            out.add("no acknowledged transfer after " + (faults.getOrDefault(Fault.CRASH_RESTART, 0) - recoveries.size())
                    + " of the restarts");
        }
        for (Duration r : recoveries) {
            if (r.compareTo(RECOVERY_BOUND) > 0) {
                out.add("recovery took " + r.toMillis() + " ms after the server came back, more than "
                        + RECOVERY_BOUND.toMillis() + " ms");
            }
        }
        if (!leakedThreads.isEmpty()) {
            out.add("threads leaked: " + leakedThreads);
        }
        if (leakedSessions != 0) {
            out.add(leakedSessions + " sessions of the application user left open after every client quit");
        }
        return out;
    }

    /** The figures as a Markdown section. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(plan.name()).append(" run\n\n");
        md.append(String.format(Locale.ROOT, "%d containers, concurrency %d, %d accounts, max_connections %d"
                + " (lowered to %d on the fly), wait_timeout %d s, client retry deadline %d ms, seed %d; %.1f s.%n%n",
                plan.containers(), plan.concurrency(), plan.accounts(), ChaosPlan.MAX_CONNECTIONS,
                plan.loweredMaxConnections(), ChaosPlan.WAIT_TIMEOUT_SECONDS, plan.retryDeadline().toMillis(),
                plan.seed(), wallTime.toMillis() / 1000.0));
        md.append("| fault | count |\n|---|---:|\n");
        for (Fault f : Fault.values()) {
            md.append("| ").append(f.description()).append(" | ").append(faults.getOrDefault(f, 0)).append(" |\n");
        }
        md.append("\n| figure | value |\n|---|---:|\n");
        row(md, "invocations attempted", invocations);
        row(md, "failures", failures);
        row(md, "failures while the server was down", failuresWhileDown);
        row(md, "failures while the server was up", unexplained.size());
        row(md, "writes acknowledged", acknowledged);
        row(md, "writes lost (must be 0)", lost);
        row(md, "writes applied but not acknowledged (commit answer lost)", appliedUnacknowledged);
        row(md, "transactions re-run after a lost connection", retriedAfterLoss);
        row(md, "of those, found committed by the ledger", confirmedByLedger);
        md.append("| ledger invariant (sum and per-account balances) | ").append(invariantHolds ? "holds" : "BROKEN")
                .append(" |\n");
        md.append("| recovery after each restart (ms) | ").append(recoveries.stream().map(d -> Long.toString(d.toMillis()))
                .reduce((a, b) -> a + ", " + b).orElse("-")).append(" |\n");
        row(md, "threads leaked", leakedThreads.size());
        row(md, "sessions leaked", leakedSessions);
        md.append('\n');
        if (!skipped.isEmpty()) {
            md.append("Faults that could not be injected: ").append(skipped.size()).append(" (first: ")
                    .append(skipped.get(0)).append(").\n\n");
        }
        List<String> violations = violations();
        md.append(violations.isEmpty() ? "Every property held.\n" : "VIOLATIONS: " + violations + "\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, long value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
