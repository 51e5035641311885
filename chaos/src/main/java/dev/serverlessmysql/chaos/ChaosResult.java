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
 * @param failuresDuringFaults of those, the ones that fell inside a fault that excuses them (the server down, a black
 *     hole, a failover), or within the client's retry deadline (the function's timeout for a black hole) after it
 * @param failuresByFault those failures, per fault that excuses them
 * @param acknowledged transfers whose commit the client acknowledged
 * @param lost acknowledged transfers missing from every ledger: must be 0
 * @param appliedUnacknowledged transfers in a ledger whose invocation failed (the commit went through, its answer
 *     did not): allowed, and not lost
 * @param appliedOnBothServers transfers in both servers' ledgers: a retry after an unknown outcome reached the other
 *     server, which (not replicating) could not see that the first attempt had committed
 * @param retriedAfterLoss transactions re-run by the handler after a lost connection
 * @param confirmedByLedger of those, the ones whose first attempt had committed after all
 * @param invariantHolds whether, on each server, the balances sum to the opening total and match its ledger
 * @param recoveries per crash, from {@code start()} returning to the first acknowledged transfer after it
 * @param failoverRecoveries per failover, from the switch to the first acknowledged transfer after it
 * @param healRecoveries per black hole, from its heal to the first acknowledged transfer after it
 * @param timesToException per failure in a black hole, from the black hole's start (or the invocation's, if later) to
 *     the exception reaching the handler
 * @param leakedThreads threads started by the run and still alive after every client quit
 * @param leakedSessions sessions of the application user left on the servers after every client quit
 * @param unexplained failures outside any fault that excuses them, each described
 * @param skipped faults that could not be injected, with the reason
 * @param wallTime how long the run took
 */
public record ChaosResult(ChaosPlan plan, Map<Fault, Integer> faults, int invocations, int failures,
        int failuresDuringFaults, Map<Fault, Integer> failuresByFault, int acknowledged, int lost,
        int appliedUnacknowledged, int appliedOnBothServers, int retriedAfterLoss, int confirmedByLedger,
        boolean invariantHolds, List<Duration> recoveries, List<Duration> failoverRecoveries,
        List<Duration> healRecoveries, List<Duration> timesToException, List<String> leakedThreads, int leakedSessions,
        List<String> unexplained, List<String> skipped, Duration wallTime) {

    /** The longest a client may take to succeed again after the server is back, or after a failover. */
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
            out.add(unexplained.size() + " failures outside the faults that excuse them: " + unexplained.subList(0,
                    Math.min(5, unexplained.size())));
        }
        recovered(out, recoveries, Fault.CRASH_RESTART, "the restarts", "the server came back");
        recovered(out, failoverRecoveries, Fault.FAILOVER, "the failovers", "the failover");
        for (Duration d : timesToException) {
            if (d.compareTo(plan.functionTimeout()) > 0) {
                out.add("an exception came " + d.toMillis() + " ms into a black hole, later than the function's timeout of "
                        + plan.functionTimeout().toMillis() + " ms");
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

    private void recovered(List<String> out, List<Duration> times, Fault fault, String what, String since) {
        int expected = faults.getOrDefault(fault, 0);
        if (times.size() != expected) {
            out.add("no acknowledged transfer after " + (expected - times.size()) + " of " + what);
        }
        for (Duration r : times) {
            if (r.compareTo(RECOVERY_BOUND) > 0) {
                out.add("recovery took " + r.toMillis() + " ms after " + since + ", more than " + RECOVERY_BOUND.toMillis()
                        + " ms");
            }
        }
    }

    /** The figures as a Markdown section. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(plan.name()).append(" run\n\n");
        md.append(String.format(Locale.ROOT, "%d containers, concurrency %d, %d accounts, max_connections %d"
                + " (lowered to %d on the fly), wait_timeout %d s, client retry deadline %d ms, function timeout %d s,"
                + " black holes of %.1f s, latency %d ms per chunk for %.1f s, seed %d; %.1f s.%n%n",
                plan.containers(), plan.concurrency(), plan.accounts(), ChaosPlan.MAX_CONNECTIONS,
                plan.loweredMaxConnections(), ChaosPlan.WAIT_TIMEOUT_SECONDS, plan.retryDeadline().toMillis(),
                plan.functionTimeout().toSeconds(), plan.blackholeTime().toMillis() / 1000.0, plan.latency().toMillis(),
                plan.latencyTime().toMillis() / 1000.0, plan.seed(), wallTime.toMillis() / 1000.0));
        md.append("| fault | count | failures it excuses |\n|---|---:|---:|\n");
        for (Fault f : Fault.values()) {
            md.append("| ").append(f.description()).append(" | ").append(faults.getOrDefault(f, 0)).append(" | ")
                    .append(failuresByFault.getOrDefault(f, 0)).append(" |\n");
        }
        md.append("\n| figure | value |\n|---|---:|\n");
        row(md, "invocations attempted", invocations);
        row(md, "failures", failures);
        row(md, "failures during a fault that excuses them", failuresDuringFaults);
        row(md, "failures outside them (must be 0)", unexplained.size());
        row(md, "writes acknowledged", acknowledged);
        row(md, "writes lost (must be 0)", lost);
        row(md, "writes applied but not acknowledged (commit answer lost)", appliedUnacknowledged);
        row(md, "writes applied on both servers (a retry after an unknown outcome reached the new writer)", appliedOnBothServers);
        row(md, "transactions re-run after a lost connection", retriedAfterLoss);
        row(md, "of those, found committed by the ledger", confirmedByLedger);
        md.append("| ledger invariant on each server (sum and per-account balances) | ")
                .append(invariantHolds ? "holds" : "BROKEN").append(" |\n");
        times(md, "recovery after each restart (ms)", recoveries);
        times(md, "black hole to exception (ms): median / worst", summary(timesToException));
        times(md, "heal to the next acknowledged write (ms): median / worst", summary(healRecoveries));
        times(md, "failover to the first acknowledged write (ms): median / worst", summary(failoverRecoveries));
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

    /** The median and the worst of {@code times}, or nothing when there are none. */
    static List<Duration> summary(List<Duration> times) {
        if (times.isEmpty()) {
            return List.of();
        }
        List<Duration> sorted = times.stream().sorted().toList();
        int n = sorted.size();
        Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        return List.of(median, sorted.get(n - 1));
    }

    private static void times(StringBuilder md, String name, List<Duration> values) {
        md.append("| ").append(name).append(" | ").append(values.stream().map(d -> Long.toString(d.toMillis()))
                .reduce((a, b) -> a + (name.contains("median") ? " / " : ", ") + b).orElse("-")).append(" |\n");
    }

    private static void row(StringBuilder md, String name, long value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
