package dev.serverlessmysql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import dev.serverlessmysql.test.MySqlDatabase;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Per-invocation overhead with JMH: the client against raw JDBC on the same warm connection, and the cost of end(). */
final class OverheadBench {

    /** The label of the GC profiler's secondary result: bytes allocated per benchmark operation. */
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    private final boolean smoke;

    OverheadBench(boolean smoke) {
        this.smoke = smoke;
    }

    /** Median JMH scores in microseconds per operation, with the lowest and highest round. */
    record Figures(Score client, Score raw, Score withEnd, Score ratio, Score clientBytes, Score rawBytes,
            String method) {

        /** The median of the rounds' client / raw JDBC ratios: each round measures the two back to back. */
        double clientToRaw() {
            return ratio.median();
        }

        /** The ratio of the two medians, for comparison. */
        double mediansRatio() {
            return client.median() / raw.median();
        }

        /** The share of an invocation (one query and end()) that end() costs. */
        double endShare() {
            return (withEnd.median() - client.median()) / withEnd.median();
        }
    }

    /** One benchmark's scores over the rounds. */
    record Score(double median, double low, double high) {

        static Score of(List<Double> rounds) {
            return new Score(Stats.median(rounds), Collections.min(rounds), Collections.max(rounds));
        }

        @Override
        public String toString() {
            return String.format("%.1f (rounds %.1f-%.1f)", median, low, high);
        }

        String asRatio() {
            return String.format("%.3f (rounds %.3f-%.3f)", median, low, high);
        }
    }

    Figures measure() {
        Figures[] out = new Figures[1];
        ServerFixtures.run(ServerFixtures.SharedServer.class, db -> out[0] = jmh(db));
        return out[0];
    }

    private Figures jmh(MySqlDatabase db) throws RunnerException, IOException {
        // the forked benchmark JVM reads where to connect from a file only this user can read: JMH prints its JVM
        // options, and the password must not appear there
        Path target = Files.createTempFile("serverless-mysql-jmh-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Properties p = new Properties();
            p.setProperty("url", db.jdbcUrl());
            p.setProperty("user", db.user());
            p.setProperty("password", db.password());
            try (var out = Files.newOutputStream(target)) {
                p.store(out, "serverless-mysql JMH target; deleted after the run");
            }
            return jmh(target);
        } finally {
            Files.deleteIfExists(target);
        }
    }

    private Figures jmh(Path target) throws RunnerException {
        // -Dbench.jmh.rounds=1: one round, for a quick look with a profiler; the record uses the default
        int rounds = smoke ? 1 : Integer.getInteger("bench.jmh.rounds", 7);
        int warmups = smoke ? 1 : 5;
        int iterations = smoke ? 1 : 5;
        TimeValue time = smoke ? TimeValue.milliseconds(200) : TimeValue.seconds(1);
        // a fork takes about 5 s to reach its steady speed (the driver's and the client's code compiled by C2): with
        // less warm-up the first measured iterations are still falling, and the path with more code to compile, the
        // client's, is measured slower than it runs
        TimeValue warmupTime = smoke ? time : TimeValue.seconds(2);
        var builder = new OptionsBuilder()
                .forks(1)
                .jvmArgsAppend("-D" + OverheadBenchmarks.TARGET_PROPERTY + "=" + target)
                .warmupIterations(warmups).warmupTime(warmupTime)
                .measurementIterations(iterations).measurementTime(time)
                // bytes allocated per operation: a figure of the code, not of the machine's load
                .addProfiler(GCProfiler.class)
                .verbosity(smoke ? VerboseMode.SILENT : VerboseMode.NORMAL);
        // -Dbench.jmh.prof=stack,async:libPath=/path/libasyncProfiler.so;output=flamegraph: JMH profilers, each with
        // its options after a colon, for a look at the hot path; their output goes to the console or their own files
        String profilers = System.getProperty("bench.jmh.prof", "");
        for (String profiler : profilers.split(",")) {
            if (!profiler.isBlank()) {
                int colon = profiler.indexOf(':');
                if (colon < 0) {
                    builder.addProfiler(profiler.trim());
                } else {
                    builder.addProfiler(profiler.substring(0, colon).trim(), profiler.substring(colon + 1));
                }
                builder.verbosity(VerboseMode.NORMAL);
            }
        }
        Options options = builder.build();
        Map<String, List<Double>> scores = new HashMap<>();
        Map<String, List<Double>> bytes = new HashMap<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // the client and raw JDBC back to back, in alternating order, so that a change in the machine's load
            // between rounds weighs on both alike
            List<String> order = round % 2 == 0 ? List.of("clientQuery", "rawJdbcQuery", "invocationWithEnd")
                    : List.of("rawJdbcQuery", "clientQuery", "invocationWithEnd");
            Map<String, Double> thisRound = new HashMap<>();
            for (String benchmark : order) {
                Options one = new OptionsBuilder().parent(options)
                        .include(OverheadBenchmarks.class.getName() + "\\." + benchmark + "$").build();
                for (RunResult r : new Runner(one).run()) {
                    String name = r.getParams().getBenchmark();
                    String key = name.substring(name.lastIndexOf('.') + 1);
                    thisRound.put(key, r.getPrimaryResult().getScore());
                    r.getSecondaryResults().forEach((label, result) -> {
                        if (label.endsWith(ALLOCATED)) {
                            bytes.computeIfAbsent(key, x -> new ArrayList<>()).add(result.getScore());
                        }
                    });
                }
            }
            thisRound.forEach((k, v) -> scores.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            if (thisRound.containsKey("clientQuery") && thisRound.containsKey("rawJdbcQuery")) {
                ratios.add(thisRound.get("clientQuery") / thisRound.get("rawJdbcQuery"));
            }
        }
        String method = String.format("JMH 1.37, average time, one forked JVM per benchmark and round; %d rounds, each"
                + " running the client and raw JDBC back to back (in alternating order) and then the invocation, with %d"
                + " warm-up iterations of %s and %d measured iterations of %s; the median round. JMH's GC profiler"
                + " gives the bytes allocated per operation",
                rounds, warmups, warmupTime, iterations, time);
        if (ratios.isEmpty()) {
            throw new IllegalStateException("JMH reported no client / raw JDBC pair; got " + scores.keySet());
        }
        return new Figures(score(scores, "clientQuery"), score(scores, "rawJdbcQuery"), score(scores, "invocationWithEnd"),
                Score.of(ratios), score(bytes, "clientQuery"), score(bytes, "rawJdbcQuery"), method);
    }

    private static Score score(Map<String, List<Double>> scores, String benchmark) {
        List<Double> s = scores.get(benchmark);
        if (s == null) {
            throw new IllegalStateException("JMH reported no result for " + benchmark + "; got " + scores.keySet());
        }
        return Score.of(s);
    }

    /** The results as a Markdown section, after the server's round-trip counts. */
    static String markdown(Figures f, String roundTrips) {
        return "## 2. Per-invocation cost (server round trips, JMH)\n\n" + roundTrips
                + "\n### Client overhead (JMH)\n\n"
                + f.method() + ". `SELECT ?` with one bound parameter on a warm connection to the shared test server;"
                + " raw JDBC runs on the client's own physical connection (unwrapped), so both paths use the same"
                + " connection. The `end()` cost is (query + `end()`) minus query, as a share of the whole invocation"
                + " (query + `end()`, including the ping that `validateAfterEnd` then costs the next statement).\n\n"
                + "| benchmark | µs/op |\n|---|---|\n"
                + "| raw JDBC query | " + f.raw() + " |\n"
                + "| client query | " + f.client() + " |\n"
                + "| invocation: client query + `end()` | " + f.withEnd() + " |\n"
                + "\n| bytes allocated per query (GC profiler) | B/op |\n|---|---|\n"
                + "| raw JDBC query | " + f.rawBytes() + " |\n"
                + "| client query | " + f.clientBytes() + " |\n"
                + "\n| target | measured | met |\n|---|---|---|\n"
                + String.format("| client / raw JDBC <= 1.03 (median of the rounds' ratios) | %s | %s |%n",
                        f.ratio().asRatio(), f.clientToRaw() <= 1.03 ? "met" : "NOT met (" + String.format("%.3f",
                        f.clientToRaw()) + ")")
                + String.format("| for comparison: median client / median raw JDBC | %.3f | - |%n", f.mediansRatio())
                + String.format("| `end()` <= 10%% of an invocation of one query | %.1f%% | %s |%n", f.endShare() * 100,
                        f.endShare() <= 0.10 ? "met" : "NOT met");
    }
}
