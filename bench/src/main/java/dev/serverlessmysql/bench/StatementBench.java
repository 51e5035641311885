package dev.serverlessmysql.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlBuilder;
import dev.serverlessmysql.test.MySqlDatabase;

/**
 * What one invocation costs the server, counted by the server itself: statements, pings, server-side prepares and
 * new connections, per invocation, for the new defaults and for serverless-mysql's old default
 * ({@code usedConnsFreq} 0), each on a fresh client whose connect is part of the run.
 */
final class StatementBench {

    /** One workload: what the handler asks for in an invocation. */
    private record Workload(String label, int asked, boolean end, double target, Consumer<ServerlessMysql> body) {
    }

    /** A workload's median cost per invocation under both settings, and its target for the new defaults. */
    record Row(String workload, int asked, Per newDefaults, Per oldDefaults, double target) {

        boolean met() {
            return Double.isNaN(target) || newDefaults.roundTrips() <= target;
        }
    }

    /** Round trips per invocation, and of them pings, new connections and {@code KILL}s. */
    record Per(double roundTrips, double pings, double connections, double kills) {

        static Per of(ServerTally.Cost c, int invocations) {
            double n = invocations;
            return new Per(c.roundTrips() / n, c.pings() / n, c.connections() / n, c.kills() / n);
        }

        @Override
        public String toString() {
            return String.format("%.3f (pings %.3f)", roundTrips, pings);
        }
    }

    /** Every workload's row, the run length, and the rounds. */
    record Figures(List<Row> rows, int invocations, int rounds) {
    }

    private final boolean smoke;

    StatementBench(boolean smoke) {
        this.smoke = smoke;
    }

    Figures measure() {
        Figures[] out = new Figures[1];
        ServerFixtures.run(ServerFixtures.CountedServer.class, db -> out[0] = count(db));
        return out[0];
    }

    private Figures count(MySqlDatabase db) throws Exception {
        try (var admin = db.adminDataSource().getConnection(); var s = admin.createStatement()) {
            s.execute("CREATE TABLE `" + db.name() + "`.t (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO `" + db.name() + "`.t VALUES (1, 0), (2, 0)");
        }
        int invocations = smoke ? 200 : 2000;
        int rounds = smoke ? 1 : 3;
        List<Workload> workloads = List.of(
                new Workload("one query, no `end()` (reference)", 1, false, Double.NaN,
                        c -> c.query("SELECT v FROM t WHERE id = ?", 1)),
                new Workload("one query + `end()`", 1, true, 1.02, c -> c.query("SELECT v FROM t WHERE id = ?", 1)),
                new Workload("one write + `end()` (the ping after `end()`)", 1, true, 1.02,
                        c -> c.update("UPDATE t SET v = v + 1 WHERE id = ?", 1)),
                new Workload("transaction of 3 statements + `end()`", 3, true, 5.02, c -> c.transaction(tx -> {
                    tx.query("SELECT v FROM t WHERE id = ?", 1);
                    tx.update("UPDATE t SET v = v + 1 WHERE id = ?", 1);
                    return tx.update("UPDATE t SET v = v + 1 WHERE id = ?", 2);
                })));
        Map<String, List<ServerTally.Cost>> newRuns = new HashMap<>();
        Map<String, List<ServerTally.Cost>> oldRuns = new HashMap<>();
        try (ServerTally tally = new ServerTally(db.adminDataSource())) {
            for (int round = 0; round < rounds; round++) {
                for (Workload w : workloads) {
                    newRuns.computeIfAbsent(w.label(), k -> new ArrayList<>())
                            .add(run(tally, client(db), w, invocations));
                    oldRuns.computeIfAbsent(w.label(), k -> new ArrayList<>())
                            .add(run(tally, client(db).usedConnsFreq(Duration.ZERO), w, invocations));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Workload w : workloads) {
            rows.add(new Row(w.label(), w.asked(), median(newRuns.get(w.label()), invocations),
                    median(oldRuns.get(w.label()), invocations), w.target()));
        }
        return new Figures(rows, invocations, rounds);
    }

    private static ServerlessMysqlBuilder client(MySqlDatabase db) {
        return ServerlessMysql.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password());
    }

    private static ServerTally.Cost run(ServerTally tally, ServerlessMysqlBuilder builder, Workload w, int invocations)
            throws Exception {
        ServerTally.Reading before = tally.read();
        try (ServerlessMysql client = builder.build()) {
            for (int i = 0; i < invocations; i++) {
                try {
                    w.body().accept(client);
                } finally {
                    if (w.end()) {
                        client.end();
                    }
                }
            }
        }
        return tally.read().since(before);
    }

    /** The round with the median number of round trips. */
    private static Per median(List<ServerTally.Cost> runs, int invocations) {
        List<ServerTally.Cost> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.roundTrips(), b.roundTrips()));
        return Per.of(sorted.get((sorted.size() - 1) / 2), invocations);
    }

    /** The results as Markdown, with the storm's figures from the same run when it ran. */
    static String markdown(Figures f, StormBench.Figures storm) {
        StringBuilder md = new StringBuilder("### Round trips per invocation, counted by the server\n\n")
                .append(String.format("Each figure is the server's own count (`Questions` + `Com_admin_commands` +"
                        + " `Com_stmt_prepare` + `Connections`, read on a dedicated server before and after, the"
                        + " reading's own statements taken off) divided by the invocations of the run: %d invocations"
                        + " on a fresh client, its connect included, new defaults and old defaults alternating; the"
                        + " median of %d rounds. Pings (`Com_admin_commands`) are shown apart too.%n%n",
                        f.invocations(), f.rounds()))
                .append("| workload | handler's statements | new defaults | old defaults (`usedConnsFreq` 0) | target"
                        + " (new defaults) | met |\n|---|---|---|---|---|---|\n");
        for (Row r : f.rows()) {
            md.append(String.format("| %s | %d | %s | %s | %s | %s |%n", r.workload(), r.asked(), r.newDefaults(),
                    r.oldDefaults(), Double.isNaN(r.target()) ? "-" : "<= " + r.target(),
                    Double.isNaN(r.target()) ? "-" : r.met() ? "met" : "NOT met (" + String.format("%.3f",
                            r.newDefaults().roundTrips()) + ")"));
        }
        if (storm == null || storm.managedCost() == null) {
            md.append("| under the storm (section 1) | 1-3 | the storm section did not run | | - | - |\n");
        } else {
            md.append(String.format("| under the storm (section 1), per invocation | %.2f | %s | %s | - | - |%n",
                    storm.askedPerInvocation(), storm.managedCost(), storm.oldDefaultsCost()));
        }
        return md.toString();
    }
}
