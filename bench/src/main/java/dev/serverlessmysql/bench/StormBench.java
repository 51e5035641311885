package dev.serverlessmysql.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import dev.serverlessmysql.bench.StormHandlers.Strategy;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.SimulationReport;

/**
 * The connection storm: ten times more Lambda containers than the server has connections, each running invocations of
 * one to three queries with think time, some frozen and some reaped without closing anything. The three strategies
 * without connection management run once, for context. The managed client runs in rounds, its three variants side by
 * side in each round: unloaded (a limit nobody reaches), under the storm with the default settings, and under the
 * storm with serverless-mysql's old default ({@code usedConnsFreq} 0). Every variant's cost is counted by the server.
 */
final class StormBench {

    static final int MAX_CONNECTIONS = 20;
    static final int CONTAINERS = 10 * MAX_CONNECTIONS;

    private static final double REAP_AT = 0.3;
    private static final int UNLOADED_LIMIT = 1000;

    private final boolean smoke;

    StormBench(boolean smoke) {
        this.smoke = smoke;
    }

    /** One run of a strategy. */
    record Row(String strategy, int invocations, int succeeded, double p50, double p99, int peakConnections,
               long zombiesKilled, long ownCloses, Map<String, Integer> failures, double wallSeconds,
               StatementBench.Per cost) {

        double successShare() {
            return succeeded / (double) invocations;
        }
    }

    /** The managed client's runs of one variant, one per round. */
    record Variant(String label, List<Row> rounds) {

        int invocations() {
            return rounds.stream().mapToInt(Row::invocations).sum();
        }

        int succeeded() {
            return rounds.stream().mapToInt(Row::succeeded).sum();
        }

        double median(ToDoubleFunction<Row> figure) {
            List<Double> values = new ArrayList<>();
            for (Row r : rounds) {
                values.add(figure.applyAsDouble(r));
            }
            return Stats.median(values);
        }

        /** The round trips per invocation of the round with the median count. */
        StatementBench.Per cost() {
            List<Row> sorted = new ArrayList<>(rounds);
            sorted.sort((a, b) -> Double.compare(a.cost().roundTrips(), b.cost().roundTrips()));
            return sorted.get((sorted.size() - 1) / 2).cost();
        }
    }

    /**
     * The baselines' runs, the managed client's three variants, and the run's parameters.
     */
    record Figures(int invocations, int concurrency, int thinkMaxMs, int freezeMs, int rounds, List<Row> baselines,
                   Variant unloaded, Variant managed, Variant oldDefaults, double askedPerInvocation) {

        /** The managed client's cost per invocation under the storm with the default settings. */
        StatementBench.Per managedCost() {
            return managed.cost();
        }

        /** The same with {@code usedConnsFreq} 0. */
        StatementBench.Per oldDefaultsCost() {
            return oldDefaults.cost();
        }

        /** Loaded p99 over unloaded p99, per round (the two ran side by side). */
        List<Double> p99Ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                ratios.add(managed.rounds().get(i).p99() / unloaded.rounds().get(i).p99());
            }
            return ratios;
        }
    }

    Figures measure() {
        Figures[] out = new Figures[1];
        ServerFixtures.run(ServerFixtures.SmallServer.class, db -> out[0] = compare(db));
        return out[0];
    }

    private Figures compare(MySqlDatabase db) throws SQLException, InterruptedException {
        int invocations = smoke ? 200 : 1000;
        int rounds = smoke ? 1 : 3;
        int concurrency = MAX_CONNECTIONS / 2;
        try (ServerTally tally = new ServerTally(db.adminDataSource())) {
            List<Row> baselines = new ArrayList<>();
            for (Strategy s : Strategy.values()) {
                if (s != Strategy.MANAGED) {
                    baselines.add(run(db, tally, s, s.label, null, invocations, concurrency));
                }
            }
            // a first, unreported run warms the JIT and the server, which would otherwise count against the first round
            unloaded(db, () -> run(db, tally, Strategy.MANAGED, "warm-up", null, invocations / 3, concurrency));
            List<Row> unloaded = new ArrayList<>();
            List<Row> managed = new ArrayList<>();
            List<Row> old = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                unloaded.add(unloaded(db, () -> run(db, tally, Strategy.MANAGED, "unloaded", null, invocations,
                        concurrency)));
                managed.add(run(db, tally, Strategy.MANAGED, "new defaults", null, invocations, concurrency));
                old.add(run(db, tally, Strategy.MANAGED, "old defaults", Duration.ZERO, invocations, concurrency));
            }
            double asked = 0;
            for (int i = 0; i < invocations; i++) {
                asked += queries(i);
            }
            return new Figures(invocations, concurrency, thinkMaxMs(), freezeMs(), rounds, baselines,
                    new Variant("(d) on the same server unloaded (`max_connections=" + UNLOADED_LIMIT + "`)", unloaded),
                    new Variant(Strategy.MANAGED.label + ", default settings", managed),
                    new Variant(Strategy.MANAGED.label + ", old default `usedConnsFreq` 0", old), asked / invocations);
        }
    }

    @FunctionalInterface
    private interface StormRun {
        Row run() throws SQLException, InterruptedException;
    }

    /** Runs {@code r} with a limit nobody reaches, then puts the storm's limit back. */
    private static Row unloaded(MySqlDatabase db, StormRun r) throws SQLException, InterruptedException {
        maxConnections(db, UNLOADED_LIMIT);
        try {
            return r.run();
        } finally {
            maxConnections(db, MAX_CONNECTIONS);
        }
    }

    /** The queries of invocation {@code i}: 1 to 3, as its event says. */
    private static int queries(int i) {
        return 1 + Math.floorMod(i * 7, 3);
    }

    /** Sets the limit as a number: {@code MySqlServer.setGlobal} sends a string, which this variable refuses. */
    private static void maxConnections(MySqlDatabase db, int limit) throws SQLException {
        try (Connection admin = db.adminDataSource().getConnection(); Statement s = admin.createStatement()) {
            s.execute("SET GLOBAL max_connections = " + limit);
        }
    }

    private int thinkMaxMs() {
        return smoke ? 5 : 100;
    }

    private int freezeMs() {
        return smoke ? 300 : 1500;
    }

    /**
     * One run of {@code strategy} ({@code usedConnsFreq} changed from its default when not null), with the server's
     * connection count sampled on the tally's own connection so that the server's counters stay exact.
     */
    private Row run(MySqlDatabase db, ServerTally tally, Strategy strategy, String label, Duration usedConnsFreq,
            int invocations, int concurrency) throws SQLException, InterruptedException {
        StormHandlers handlers = new StormHandlers(db);
        SimulationReport report;
        ServerTally.Reading before = tally.read();
        ServerTally.Cost cost;
        try {
            report = LambdaSimulator.forHandler(usedConnsFreq == null ? handlers.factory(strategy)
                            : handlers.managed(b -> b.usedConnsFreq(usedConnsFreq)))
                    .containers(CONTAINERS).invocations(invocations).concurrency(concurrency)
                    .event(i -> Events.sqs().message(Integer.toString(queries(i))).build())
                    .thinkTime(Duration.ZERO, Duration.ofMillis(thinkMaxMs()))
                    .freezes(0.1, Duration.ofMillis(freezeMs()))
                    .reap(0.1, REAP_AT)
                    .timeout(Duration.ofSeconds(3))
                    .connectionCounter(tally::connectionCount)
                    .seed(7)
                    .run();
            // counted before the harness closes what the simulated containers left open
            cost = tally.read().since(before);
        } finally {
            handlers.closeAll();
        }
        boolean managed = strategy == Strategy.MANAGED;
        Row row = new Row(label, report.invocations(), report.succeeded(), report.latency().p50().toNanos() / 1e6,
                report.latency().p99().toNanos() / 1e6, report.peakServerConnections().orElse(-1),
                managed ? handlers.zombiesKilled() : -1, managed ? handlers.ownClosesUnderPressure() : -1,
                report.failureCounts(), report.wallTime().toMillis() / 1e3, StatementBench.Per.of(cost, invocations));
        db.server().killSessions(db.user());
        return row;
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        StringBuilder md = new StringBuilder("## 1. Connection storm\n\n")
                .append(String.format("A dedicated server with `max_connections=%d` and the non-privileged application user;"
                        + " %d simulated Lambda containers (`LambdaSimulator`), %d invocations per run on %d concurrent"
                        + " callers, each of 1-3 `SELECT ?` with 0-%d ms think time before it; after an invocation a container"
                        + " freezes for %d ms with probability 0.1; when %.0f%% of the invocations have started, 10%% of the"
                        + " containers are reaped without closing anything. Function timeout 3 s; HikariCP"
                        + " `connectionTimeout` 1 s. Latency is of successful invocations, a lazy connect included (the"
                        + " simulator times the init phase apart). Between runs the previous run's sessions are killed.%n%n",
                        MAX_CONNECTIONS, CONTAINERS, f.invocations(), f.concurrency(), f.thinkMaxMs(), f.freezeMs(),
                        REAP_AT * 100))
                .append(String.format("The strategies without connection management run once. The managed client runs"
                        + " %d round%s, each running its three variants in turn (unloaded, default settings, old default);"
                        + " its rows give the success over all rounds and the medians of the rounds. Round trips per"
                        + " invocation are the server's own count (`Questions` + `Com_admin_commands` + `Com_stmt_prepare`"
                        + " + `Connections`, the sampler's own statements taken off), of which new connections and"
                        + " `KILL`s are shown apart; the handler itself asks for %.2f statements per invocation.%n%n",
                        f.rounds(), f.rounds() == 1 ? "" : "s", f.askedPerInvocation()))
                .append("| strategy | success | p50 | p99 | peak server connections | zombies killed | own connections"
                        + " closed under pressure | round trips per invocation | of which connects | of which `KILL`s |"
                        + " failures | run time |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : f.baselines()) {
            md.append(String.format("| %s | %.1f%% (%d/%d) | %s | %s | %d | n/a (does not kill) | n/a | %.3f | %.3f | %.3f"
                            + " | %s | %.1f s |%n", r.strategy(), r.successShare() * 100, r.succeeded(), r.invocations(),
                    r.succeeded() == 0 ? "-" : Stats.ms(r.p50()), r.succeeded() == 0 ? "-" : Stats.ms(r.p99()),
                    r.peakConnections(), r.cost().roundTrips(), r.cost().connections(), r.cost().kills(),
                    failures(r.failures()), r.wallSeconds()));
        }
        for (Variant v : List.of(f.managed(), f.oldDefaults(), f.unloaded())) {
            Map<String, Integer> failures = new TreeMap<>();
            for (Row r : v.rounds()) {
                r.failures().forEach((k, n) -> failures.merge(k, n, Integer::sum));
            }
            StatementBench.Per cost = v.cost();
            md.append(String.format("| %s | %.1f%% (%d/%d) | %s | %s | %d | %d | %d | %.3f | %.3f | %.3f | %s | %.1f s |%n",
                    v.label(), 100.0 * v.succeeded() / v.invocations(), v.succeeded(), v.invocations(),
                    Stats.ms(v.median(Row::p50)), Stats.ms(v.median(Row::p99)),
                    v.rounds().stream().mapToInt(Row::peakConnections).max().orElse(-1),
                    v.rounds().stream().mapToLong(Row::zombiesKilled).sum(),
                    v.rounds().stream().mapToLong(Row::ownCloses).sum(), cost.roundTrips(), cost.connections(),
                    cost.kills(), failures(failures), v.median(Row::wallSeconds)));
        }
        md.append("\n| round | p99 unloaded | p99 default settings | ratio | p99 old default | success (default settings) |\n"
                + "|---|---|---|---|---|---|\n");
        List<Double> ratios = f.p99Ratios();
        for (int i = 0; i < f.rounds(); i++) {
            Row u = f.unloaded().rounds().get(i);
            Row d = f.managed().rounds().get(i);
            Row o = f.oldDefaults().rounds().get(i);
            md.append(String.format("| %d | %s | %s | %.2fx | %s | %.1f%% |%n", i + 1, Stats.ms(u.p99()),
                    Stats.ms(d.p99()), ratios.get(i), Stats.ms(o.p99()), d.successShare() * 100));
        }
        Variant d = f.managed();
        double ratio = Stats.median(ratios);
        md.append("\n| target for (d) with the default settings | measured | met |\n|---|---|---|\n")
                .append(String.format("| 100%% success | %.1f%% (%d of %d, all rounds) | %s |%n",
                        100.0 * d.succeeded() / d.invocations(), d.succeeded(), d.invocations(),
                        d.succeeded() == d.invocations() ? "met" : "NOT met"))
                .append(String.format("| p99 within 5x of its unloaded p99 | median of the rounds' ratios %.2fx (p99 %s"
                                + " vs %s unloaded, medians) | %s |%n", ratio, Stats.ms(d.median(Row::p99)),
                        Stats.ms(f.unloaded().median(Row::p99)), ratio <= 5 ? "met" : "NOT met"));
        return md.toString();
    }

    private static String failures(Map<String, Integer> failures) {
        return failures.isEmpty() ? "none" : failures.toString().replace("|", "/");
    }
}
