package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What an invocation costs the server, counted by the server itself on a server of its own: statements
 * ({@code Questions}), pings and other commands ({@code Com_admin_commands}), server-side prepares and new
 * connections. The defaults must cost little more than the statements the handler asked for.
 */
@MySqlTest(serverVariables = {"max_connections=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StatementCountDbTest {

    private static final int INVOCATIONS = 500;

    private final MySqlDatabase db;

    StatementCountDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeAll
    void schema() throws Exception {
        TestDb.admin(db, "CREATE TABLE `" + db.name() + "`.t (id INT PRIMARY KEY AUTO_INCREMENT, v INT)");
    }

    /** Runs {@code invocations} times {@code body} then {@code end()} on a new client, and counts what the server saw. */
    private Map<String, Long> count(ServerlessMysqlBuilder builder, int invocations, java.util.function.Consumer<ServerlessMysql> body)
            throws Exception {
        try (ServerCounters counters = new ServerCounters(db)) {
            Map<String, Long> before;
            Map<String, Long> after;
            try (ServerlessMysql client = builder.build()) {
                before = counters.read();
                for (int i = 0; i < invocations; i++) {
                    try {
                        body.accept(client);
                    } finally {
                        client.end();
                    }
                }
                after = counters.read();
            }
            return ServerCounters.delta(before, after);
        }
    }

    @Test
    void aOneQueryInvocationWithDefaultSettingsCostsAtMost102RoundTrips() throws Exception {
        Map<String, Long> d = count(TestDb.client(db), INVOCATIONS, c -> c.query("SELECT ?", 1));
        double perInvocation = ServerCounters.cost(d) / (double) INVOCATIONS;
        assertTrue(perInvocation <= 1.02, perInvocation + " per invocation, connect included: " + d);
        assertEquals(0, d.get("Com_stmt_prepare"), "values are bound in client-side prepared statements: " + d);
        assertEquals(1, d.get("Connections"), d.toString());
    }

    @Test
    void theOldDefaultReadsTheUsedCountAtEveryEndAndCostsTwice() throws Exception {
        Map<String, Long> d = count(TestDb.client(db).usedConnsFreq(java.time.Duration.ZERO), 100,
                c -> c.query("SELECT ?", 1));
        double perInvocation = ServerCounters.cost(d) / 100.0;
        assertTrue(perInvocation >= 1.95, "usedConnsFreq 0 asks at every end(), as serverless-mysql does: " + d);
    }

    @Test
    void aWriteAfterEndCostsNoPingWhenTheConnectionWasUsedMomentsAgo() throws Exception {
        TestDb.admin(db, "INSERT INTO `" + db.name() + "`.t (id, v) VALUES (1, 0) ON DUPLICATE KEY UPDATE v = v");
        Map<String, Long> d = count(TestDb.client(db), INVOCATIONS, c -> c.update("UPDATE t SET v = v + 1 WHERE id = ?", 1));
        double perInvocation = ServerCounters.cost(d) / (double) INVOCATIONS;
        assertTrue(perInvocation <= 1.02, perInvocation + " per invocation, connect included: " + d);
    }

    @Test
    void aWriteAfterEndIsPingedFirstWithoutTheBypassWindow() throws Exception {
        Map<String, Long> d = count(TestDb.client(db).aliveBypassWindow(java.time.Duration.ZERO), 100,
                c -> c.update("UPDATE t SET v = v + 1 WHERE id = ?", 1));
        assertTrue(d.get("Com_admin_commands") >= 99, "aliveBypassWindow 0: a ping after every end(): " + d);
    }

    @Test
    void aTransactionOfThreeStatementsCostsAtMostFiveRoundTrips() throws Exception {
        TestDb.admin(db, "INSERT INTO `" + db.name() + "`.t (id, v) VALUES (2, 0) ON DUPLICATE KEY UPDATE v = v");
        Map<String, Long> d = count(TestDb.client(db), INVOCATIONS, c -> c.transaction(tx -> {
            tx.query("SELECT v FROM t WHERE id = ?", 2);
            tx.update("UPDATE t SET v = v + 1 WHERE id = ?", 2);
            return tx.update("UPDATE t SET v = v - 1 WHERE id = ?", 2);
        }));
        double perInvocation = ServerCounters.cost(d) / (double) INVOCATIONS;
        assertTrue(perInvocation <= 5.02, "START TRANSACTION, 3 statements, COMMIT: " + perInvocation + " per invocation, "
                + d);
        assertEquals(INVOCATIONS, d.get("Com_begin"), d.toString());
        assertEquals(INVOCATIONS, d.get("Com_commit"), d.toString());
        assertTrue(d.get("Com_set_option") <= 2, "autocommit is left alone (the driver's connect sets 2): " + d);
    }

    @Test
    void aReadOnlyTransactionBeginsWithOneStatementAndALevelCostsOneMore() throws Exception {
        Map<String, Long> ro = count(TestDb.client(db), INVOCATIONS, c -> c.transaction(
                TransactionOptions.defaults().readOnly(true), tx -> tx.query("SELECT v FROM t WHERE id = ?", 2)));
        assertTrue(ServerCounters.cost(ro) / (double) INVOCATIONS <= 3.02, "START TRANSACTION READ ONLY, SELECT, COMMIT: " + ro);
        Map<String, Long> level = count(TestDb.client(db), INVOCATIONS, c -> c.transaction(TransactionOptions.defaults()
                .isolation(IsolationLevel.READ_COMMITTED), tx -> tx.query("SELECT v FROM t WHERE id = ?", 2)));
        assertTrue(ServerCounters.cost(level) / (double) INVOCATIONS <= 4.02, "SET TRANSACTION ISOLATION LEVEL, START, SELECT, COMMIT: "
                + level);
        assertTrue(ServerCounters.cost(level) / (double) INVOCATIONS >= 3.98, "a level other than the session's is sent: "
                + level);
    }

    @Test
    void aTransactionAskingForTheSessionsOwnLevelSendsNoLevel() throws Exception {
        IsolationLevel own;
        try (ServerlessMysql probe = TestDb.client(db).build()) {
            own = IsolationLevel.valueOf(TestDb.isolationLevel(probe).replace('-', '_'));
        }
        IsolationLevel other = own == IsolationLevel.READ_COMMITTED ? IsolationLevel.REPEATABLE_READ
                : IsolationLevel.READ_COMMITTED;
        Map<String, Long> same = count(TestDb.client(db), INVOCATIONS, c -> c.transaction(TransactionOptions.defaults()
                .isolation(own), tx -> tx.query("SELECT v FROM t WHERE id = ?", 2)));
        double perInvocation = ServerCounters.cost(same) / (double) INVOCATIONS;
        assertTrue(perInvocation <= 3.02, "START TRANSACTION, SELECT, COMMIT; the session's level read once per connection: "
                + perInvocation + " per invocation, " + same);
        Map<String, Long> different = count(TestDb.client(db), INVOCATIONS, c -> c.transaction(TransactionOptions
                .defaults().isolation(other), tx -> tx.query("SELECT v FROM t WHERE id = ?", 2)));
        perInvocation = ServerCounters.cost(different) / (double) INVOCATIONS;
        assertTrue(perInvocation >= 3.98 && perInvocation <= 4.02, "SET TRANSACTION ISOLATION LEVEL, START TRANSACTION,"
                + " SELECT, COMMIT: " + perInvocation + " per invocation, " + different);
    }
}
