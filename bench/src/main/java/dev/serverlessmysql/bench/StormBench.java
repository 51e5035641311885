package dev.serverlessmysql.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.serverlessmysql.bench.StormHandlers.Strategy;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.SimulationReport;

/**
 * The connection storm: ten times more Lambda containers than the server has connections, each running invocations of
 * one to three queries with think time, some frozen and some reaped without closing anything, under four connection
 * strategies in turn on the same server.
 */
final class StormBench {

    static final int MAX_CONNECTIONS = 20;
    static final int CONTAINERS = 10 * MAX_CONNECTIONS;

    private static final double REAP_AT = 0.3;

    private final boolean smoke;

    StormBench(boolean smoke) {
        this.smoke = smoke;
    }

    /** One strategy's run. */
    record Row(String strategy, int invocations, int succeeded, double p50, double p99, int peakConnections,
               String zombiesKilled, Map<String, Integer> failures, double wallSeconds) {

        double successShare() {
            return succeeded / (double) invocations;
        }
    }

    /**
     * Every strategy's run under load, the managed client's run on the same server without a connection limit, its
     * run under load with serverless-mysql's old default ({@code usedConnsFreq} 0), and what the managed runs under
     * load cost the server per invocation.
     */
    record Figures(int invocations, int concurrency, int thinkMaxMs, int freezeMs, List<Row> loaded, Row unloaded,
                   Row oldDefaults, StatementBench.Per managedCost, StatementBench.Per oldDefaultsCost,
                   double askedPerInvocation) {

        /** The managed client's run under load with the default settings. */
        Row managed() {
            return loaded.get(loaded.size() - 1);
        }
    }

    /** A run and what it cost the server. */
    private record Measured(Row row, ServerTally.Cost cost) {
    }

    Figures measure() {
        Figures[] out = new Figures[1];
        ServerFixtures.run(ServerFixtures.SmallServer.class, db -> out[0] = compare(db));
        return out[0];
    }

    private Figures compare(MySqlDatabase db) throws SQLException, InterruptedException {
        int invocations = smoke ? 200 : 1000;
        int concurrency = MAX_CONNECTIONS / 2;
        try (ServerTally tally = new ServerTally(db.adminDataSource())) {
            maxConnections(db, 1000);
            Row unloaded;
            try {
                // a first, unreported run warms the JIT and the server, which would otherwise count against the baseline
                run(db, tally, Strategy.MANAGED, null, invocations / 3, concurrency);
                unloaded = run(db, tally, Strategy.MANAGED, null, invocations, concurrency).row();
            } finally {
                maxConnections(db, MAX_CONNECTIONS);
            }
            List<Row> loaded = new ArrayList<>();
            ServerTally.Cost managedCost = null;
            for (Strategy s : Strategy.values()) {
                Measured m = run(db, tally, s, null, invocations, concurrency);
                loaded.add(m.row());
                if (s == Strategy.MANAGED) {
                    managedCost = m.cost();
                }
            }
            Measured old = run(db, tally, Strategy.MANAGED, Duration.ZERO, invocations, concurrency);
            double asked = 0;
            for (int i = 0; i < invocations; i++) {
                asked += queries(i);
            }
            return new Figures(invocations, concurrency, thinkMaxMs(), freezeMs(), loaded, unloaded,
                    new Row("(d') ServerlessMysql with end(), old default `usedConnsFreq` 0", old.row().invocations(),
                            old.row().succeeded(), old.row().p50(), old.row().p99(), old.row().peakConnections(),
                            old.row().zombiesKilled(), old.row().failures(), old.row().wallSeconds()),
                    StatementBench.Per.of(managedCost, invocations), StatementBench.Per.of(old.cost(), invocations),
                    asked / invocations);
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
    private Measured run(MySqlDatabase db, ServerTally tally, Strategy strategy, Duration usedConnsFreq, int invocations,
            int concurrency) throws SQLException, InterruptedException {
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
        String zombies = strategy == Strategy.MANAGED ? handlers.zombiesKilled() + " (and " + handlers.ownClosesUnderPressure()
                + " own connections closed under pressure)" : "n/a (does not kill)";
        Row row = new Row(strategy.label, report.invocations(), report.succeeded(), report.latency().p50().toNanos() / 1e6,
                report.latency().p99().toNanos() / 1e6, report.peakServerConnections().orElse(-1), zombies,
                report.failureCounts(), report.wallTime().toMillis() / 1e3);
        dropSessions(db);
        return new Measured(row, cost);
    }

    /** Kills what a strategy left on the server and waits until it is gone, so that the next one starts clean. */
    private static void dropSessions(MySqlDatabase db) {
        db.server().killSessions(db.user());
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        StringBuilder md = new StringBuilder("## 1. Connection storm\n\n")
                .append(String.format("A dedicated server with `max_connections=%d` and the non-privileged application user;"
                        + " %d simulated Lambda containers (`LambdaSimulator`), %d invocations per strategy on %d concurrent"
                        + " callers, each of 1-3 `SELECT ?` with 0-%d ms think time before it; after an invocation a container"
                        + " freezes for %d ms with probability 0.1; when %.0f%% of the invocations have started, 10%% of the containers are reaped without closing anything."
                        + " Function timeout 3 s; HikariCP `connectionTimeout` 1 s. Latency is of successful invocations,"
                        + " cold starts included. Between strategies the previous one's sessions are killed.%n%n",
                        MAX_CONNECTIONS, CONTAINERS, f.invocations(), f.concurrency(), f.thinkMaxMs(), f.freezeMs(), REAP_AT * 100))
                .append("| strategy | success | p50 | p99 | peak server connections | zombies killed | failures | run time |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : f.loaded()) {
            md.append(line(r));
        }
        md.append(line(f.oldDefaults()));
        Row d = f.managed();
        Row u = f.unloaded();
        md.append(line(new Row("(d) on the same server unloaded (`max_connections=1000`)", u.invocations(), u.succeeded(),
                u.p50(), u.p99(), u.peakConnections(), u.zombiesKilled(), u.failures(), u.wallSeconds())));
        md.append(String.format("%nWhat the managed runs under load cost the server, per invocation of %.2f queries on"
                + " average (server counters, the sampler's own statements taken off; new connections count):"
                + " new defaults %s, old defaults %s round trips.%n", f.askedPerInvocation(), f.managedCost(),
                f.oldDefaultsCost()));
        double ratio = d.p99() / u.p99();
        md.append("\n| target for (d) | measured | met |\n|---|---|---|\n")
                .append(String.format("| 100%% success | %.1f%% (%d of %d) | %s |%n", d.successShare() * 100, d.succeeded(),
                        d.invocations(), d.succeeded() == d.invocations() ? "met" : "NOT met"))
                .append(String.format("| p99 within 5x of its unloaded p99 | %s vs %s = %.2fx | %s |%n", Stats.ms(d.p99()),
                        Stats.ms(u.p99()), ratio, ratio <= 5 ? "met" : "NOT met"));
        return md.toString();
    }

    private static String line(Row r) {
        return String.format("| %s | %.1f%% (%d/%d) | %s | %s | %d | %s | %s | %.1f s |%n", r.strategy(), r.successShare() * 100,
                r.succeeded(), r.invocations(), r.succeeded() == 0 ? "-" : Stats.ms(r.p50()),
                r.succeeded() == 0 ? "-" : Stats.ms(r.p99()), r.peakConnections(), r.zombiesKilled(),
                r.failures().isEmpty() ? "none" : r.failures().toString().replace("|", "/"), r.wallSeconds());
    }
}
