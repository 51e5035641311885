package dev.serverlessmysql.test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** What a {@link LambdaSimulator} run did: invocations, failures with their exceptions, latencies, server connections. */
public final class SimulationReport {

    /** Where a failed invocation failed. */
    public enum Phase {
        /**
         * The init (class initialisation and construction of the handler) failed or ran over its limit, and so did
         * its retry inside the first invocation: Lambda reports {@code Runtime.InitError}.
         */
        INIT,
        /** The handler, or the JSON binding around it, threw. */
        INVOKE,
        /** The invocation ran past the function's timeout. */
        TIMEOUT,
        /** The handler returned a response that the success rule rejects: by default an HTTP 5xx. */
        RESPONSE
    }

    /**
     * One failed invocation.
     *
     * @param invocation the invocation's number, 0-based, in the order invocations were started
     * @param container the execution environment, such as {@code c7} or {@code c7#2} after a reap or timeout
     * @param requestId the request id, or null for an init failure
     * @param phase where it failed
     * @param errorType the {@code errorType} Lambda would report
     * @param errorMessage the {@code errorMessage} Lambda would report
     * @param error the exception itself; null for a rejected response
     * @param latency how long the invocation took until it failed
     * @param coldStart whether it was the container's first invocation
     * @param logs what the invocation logged through its context and printed to {@code System.out} and
     *     {@code System.err} (for an init failure, Lambda's {@code INIT_REPORT} line and the stack trace too)
     */
    public record Failure(int invocation, String container, String requestId, Phase phase, String errorType,
                          String errorMessage, Throwable error, Duration latency, boolean coldStart, String logs) {

        /** The vendor code of the first {@link SQLException} in the cause chain (1040 for too many connections), or -1. */
        public int sqlErrorCode() {
            SQLException sql = sqlException();
            return sql == null ? -1 : sql.getErrorCode();
        }

        /** The SQLState of the first {@link SQLException} in the cause chain, or null. */
        public String sqlState() {
            SQLException sql = sqlException();
            return sql == null ? null : sql.getSQLState();
        }

        private SQLException sqlException() {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    return sql;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "#" + invocation + " on " + container + (coldStart ? " (cold)" : "") + " " + phase + ": " + errorType + ": "
                    + errorMessage;
        }

        /** This failure and, indented below it, what the invocation logged. */
        public String withLogs() {
            StringBuilder s = new StringBuilder(toString()).append('\n');
            if (logs == null || logs.isBlank()) {
                s.append("    (nothing logged)\n");
            } else {
                logs.lines().forEach(line -> s.append("    ").append(line).append('\n'));
            }
            return s.toString();
        }
    }

    /** A reading of the server's connection count, {@code elapsed} after the run started. */
    public record Sample(Duration elapsed, int connections) {
    }

    /** Latency percentiles (nearest rank) of a set of invocations; all zero when there were none. */
    public record Latency(int count, Duration p50, Duration p90, Duration p95, Duration p99, Duration max, Duration mean) {

        static Latency of(List<Duration> durations) {
            if (durations.isEmpty()) {
                return new Latency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            }
            List<Duration> sorted = new ArrayList<>(durations);
            Collections.sort(sorted);
            long total = 0;
            for (Duration d : sorted) {
                total += d.toNanos();
            }
            return new Latency(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 95), rank(sorted, 99),
                    sorted.get(sorted.size() - 1), Duration.ofNanos(total / sorted.size()));
        }

        private static Duration rank(List<Duration> sorted, double percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d invocations)", p50.toMillis(),
                    p90.toMillis(), p99.toMillis(), max.toMillis(), count);
        }
    }

    private final int invocations;
    private final int containers;
    private final int concurrency;
    private final List<Failure> failures;
    private final Latency latency;
    private final Latency latencyOfAll;
    private final Latency initDurations;
    private final int coldStarts;
    private final int initRetries;
    private final int reaped;
    private final int freezes;
    private final List<Sample> samples;
    private final int sampleErrors;
    private final Duration wallTime;

    SimulationReport(int invocations, int containers, int concurrency, List<Failure> failures, List<Duration> succeeded,
                     List<Duration> all, List<Duration> inits, int coldStarts, int initRetries, int reaped, int freezes,
                     List<Sample> samples,
                     int sampleErrors, Duration wallTime) {
        this.invocations = invocations;
        this.containers = containers;
        this.concurrency = concurrency;
        List<Failure> ordered = new ArrayList<>(failures);
        ordered.sort((a, b) -> Integer.compare(a.invocation(), b.invocation()));
        this.failures = List.copyOf(ordered);
        this.latency = Latency.of(succeeded);
        this.latencyOfAll = Latency.of(all);
        this.initDurations = Latency.of(inits);
        this.coldStarts = coldStarts;
        this.initRetries = initRetries;
        this.reaped = reaped;
        this.freezes = freezes;
        this.samples = List.copyOf(samples);
        this.sampleErrors = sampleErrors;
        this.wallTime = wallTime;
    }

    /** How many invocations ran. */
    public int invocations() {
        return invocations;
    }

    /** How many returned normally. */
    public int succeeded() {
        return invocations - failures.size();
    }

    /** How many failed, timeouts and init failures included. */
    public int failed() {
        return failures.size();
    }

    /** How many ran past the timeout. */
    public int timedOut() {
        return (int) failures.stream().filter(f -> f.phase() == Phase.TIMEOUT).count();
    }

    /** The share that succeeded, 0 to 1. */
    public double successRate() {
        return invocations == 0 ? 1 : succeeded() / (double) invocations;
    }

    /** Every failure, in invocation order, with its exception. */
    public List<Failure> failures() {
        return failures;
    }

    /** The earliest failed invocation. */
    public Optional<Failure> firstFailure() {
        return failures.stream().findFirst();
    }

    /** Failures counted by error type (with the SQL vendor code where there is one). */
    public Map<String, Integer> failureCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Failure f : failures) {
            String key = f.errorType() + (f.sqlErrorCode() >= 0 ? " (vendor code " + f.sqlErrorCode() + ")" : "");
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Latencies of the invocations that succeeded, measured from the end of the init phase as Lambda measures an
     * invocation's duration: a cold start's init is in {@link #initDurations()}, not here (an init retried inside
     * the first invocation is here, as Lambda bills it there).
     */
    public Latency latency() {
        return latency;
    }

    /** Latencies of all invocations, measured as {@link #latency()} is. */
    public Latency latencyOfAll() {
        return latencyOfAll;
    }

    /** How long the init phases took (class initialisation and construction of the handler: the cold starts). */
    public Latency initDurations() {
        return initDurations;
    }

    /**
     * How many inits succeeded, each in a fresh execution environment: the first in each container, and one after
     * each reap, timeout or failed init.
     */
    public int coldStarts() {
        return coldStarts;
    }

    /**
     * How many init phases failed or ran over the init limit and were retried inside the container's first
     * invocation, as Lambda does; a retry that failed too is an {@link Phase#INIT} failure.
     */
    public int initRetries() {
        return initRetries;
    }

    /** How many containers were dropped without a shutdown hook. */
    public int containersReaped() {
        return reaped;
    }

    /** How many times a container was frozen between invocations. */
    public int freezes() {
        return freezes;
    }

    /** The number of containers (execution environment slots). */
    public int containers() {
        return containers;
    }

    /** The most invocations that ran at once. */
    public int concurrency() {
        return concurrency;
    }

    /** The highest number of server connections seen, if the run sampled a database. */
    public OptionalInt peakServerConnections() {
        return samples.stream().mapToInt(Sample::connections).max();
    }

    /** Every connection-count reading. */
    public List<Sample> connectionSamples() {
        return samples;
    }

    /** How many connection-count readings failed (for example because the server was full even for the admin). */
    public int connectionSampleErrors() {
        return sampleErrors;
    }

    /** How long the run took. */
    public Duration wallTime() {
        return wallTime;
    }

    /**
     * Fails with a summary, and the first failure's exception as the cause, unless every invocation succeeded.
     *
     * @throws AssertionError when any invocation failed
     */
    public SimulationReport assertAllSucceeded() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failed() + " of " + invocations + " Lambda invocations failed.\n" + summary()
                    + "logs of the first failures:\n" + failureLogs(3), failures.get(0).error());
        }
        return this;
    }

    /** The first {@code limit} failures, each with what its invocation logged, for diagnosing them. */
    public String failureLogs(int limit) {
        StringBuilder s = new StringBuilder();
        failures.stream().limit(Math.max(0, limit)).forEach(f -> s.append(f.withLogs()));
        if (failures.size() > limit) {
            s.append("(").append(failures.size() - limit).append(" more failures)\n");
        }
        return s.toString();
    }

    /** A multi-line summary of the run. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d invocations over %d containers (concurrency %d) in %d ms: %d succeeded (%.1f%%),"
                        + " %d failed (%d timed out)%n", invocations, containers, concurrency, wallTime.toMillis(), succeeded(),
                successRate() * 100, failed(), timedOut()));
        s.append("cold starts ").append(coldStarts).append(initRetries > 0 ? " (" + initRetries + " inits retried)" : "")
                .append(", containers reaped ").append(reaped).append(", freezes ").append(freezes).append('\n');
        if (initDurations.count() > 0) {
            s.append(String.format(Locale.ROOT, "init phases: p50 %d ms, p99 %d ms, max %d ms (%d inits; not in the latencies)%n",
                    initDurations.p50().toMillis(), initDurations.p99().toMillis(), initDurations.max().toMillis(),
                    initDurations.count()));
        }
        s.append("latency of successes: ").append(latency).append('\n');
        peakServerConnections().ifPresent(peak -> s.append("peak server connections: ").append(peak).append(" (")
                .append(samples.size()).append(" samples").append(sampleErrors > 0 ? ", " + sampleErrors + " failed" : "")
                .append(")\n"));
        if (!failures.isEmpty()) {
            s.append("failures: ").append(failureCounts()).append('\n');
            s.append("first failure: ").append(failures.get(0)).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
