package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.NetworkFaults;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Silent network faults, through test-support's proxy (issue 12): a black hole during a read, a write, {@code end()},
 * a connect and a transaction makes the call return within the invocation's remaining time with the right exception,
 * and the next invocation works once the network heals; 200 ms of latency per packet slows everything but breaks
 * nothing. The documented bound: a call returns by the remaining time less {@code remainingTimeMargin}, plus a 50 ms
 * timeout slack and the client's own work, all well inside the margin; so the assertion is "within the remaining time".
 */
@MySqlTest(networkFaults = true)
@Timeout(120)
class NetworkFaultsDbTest {

    /** What the invocation has left when the fault strikes. */
    private static final Duration REMAINING = Duration.ofSeconds(2);
    private static final FaultFigures TO_EXCEPTION = new FaultFigures("black hole: fault to exception (remaining "
            + REMAINING.toMillis() + " ms, margin 500 ms)");

    private final MySqlDatabase db;
    private final NetworkFaults faults;
    private ServerlessMysql client;

    NetworkFaultsDbTest(MySqlDatabase db, NetworkFaults faults) {
        this.db = db;
        this.faults = faults;
    }

    @BeforeEach
    void setUp() throws SQLException {
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.t (id INT PRIMARY KEY)");
        TestDb.admin(db, "DELETE FROM `" + db.name() + "`.t");
        client = throughProxy().build();
    }

    @AfterEach
    void tearDown() {
        faults.heal();
        client.quit();
    }

    @AfterAll
    static void figures() {
        TO_EXCEPTION.write();
    }

    private ServerlessMysqlBuilder throughProxy() {
        return ServerlessMysql.builder().jdbcUrl(faults.jdbcUrl(TestDb.driver())).user(db.user()).password(db.password());
    }

    /** Runs {@code call} as an invocation with {@link #REMAINING} left; returns how long it took, in ms. */
    private long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < REMAINING.toMillis(), "returned after " + ms + " ms, beyond the remaining " + REMAINING.toMillis());
        TO_EXCEPTION.add(ms);
        return ms;
    }

    /** A warm container: a connection in use, then the next invocation begins with the fault already there. */
    private void warm() {
        client.query("SELECT 1");
        client.end();
        client.remainingTime(REMAINING);
        client.query("SELECT 1");
    }

    /** After the fault: the network heals and the next invocation works. */
    private void nextInvocationWorks() {
        faults.heal();
        client.end();
        client.remainingTime(Duration.ofSeconds(10));
        assertEquals(1, client.query("SELECT 1 AS one").size());
        client.update("INSERT INTO t VALUES (?)", 99);
        client.end();
    }

    @Test
    void aBlackHoleDuringAReadFailsInTimeAsALostConnection() {
        warm();
        faults.blackhole();
        timed(() -> {
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> client.query("SELECT id FROM t"));
            assertFalse(e.outcomeUnknown(), "a read wrote nothing");
            assertTrue(e.getMessage().contains("network timeout"), e.getMessage());
        });
        nextInvocationWorks();
    }

    @Test
    void aBlackHoleDuringAWriteFailsInTimeWithAnUnknownOutcome() {
        warm();
        faults.blackhole();
        timed(() -> {
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> client.update("INSERT INTO t VALUES (1)"));
            assertTrue(e.outcomeUnknown(), "the write may have reached the server");
            assertTrue(e.getMessage().contains("not re-run"), e.getMessage());
        });
        nextInvocationWorks();
    }

    @Test
    void aBlackHoleDuringEndNeverHangsNorThrows() {
        warm();
        client.update("SET @x = 1");
        faults.blackhole();
        timed(() -> assertDoesNotThrow(client::end, "end() never throws for its own work"));
        assertEquals(1, client.stats().reconnects(), "the session it could not reset was dropped");
        nextInvocationWorks();
    }

    @Test
    void aBlackHoleDuringAConnectFailsInTime() {
        faults.blackhole();
        client.remainingTime(REMAINING);
        timed(() -> {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), e.getMessage());
            assertTrue(e.getMessage().contains("Could not connect") && e.getMessage().contains("remaining time"),
                    e.getMessage());
        });
        nextInvocationWorks();
    }

    @Test
    void aBlackHoleDuringATransactionFailsItInTimeAndLeavesNothing() throws Exception {
        warm();
        timed(() -> {
            ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> client.transaction(tx -> {
                tx.update("INSERT INTO t VALUES (1)");
                faults.blackhole();
                return tx.update("INSERT INTO t VALUES (2)");
            }));
            assertFalse(e.outcomeUnknown(), "an open transaction is rolled back: " + e.getMessage());
        });
        faults.heal();
        TestDb.await("the abandoned session is gone", Duration.ofSeconds(20), () -> TestDb.sessions(db, db.user()) <= 1);
        assertEquals(0, TestDb.count(db, "t"), "a failed transaction leaves nothing behind");
        nextInvocationWorks();
    }

    @Test
    void twoHundredMillisecondsOfLatencyPerPacketBreakNothing() throws Exception {
        faults.latency(Duration.ofMillis(200));
        Duration budget = Duration.ofSeconds(20);
        long start = System.nanoTime();
        client.remainingTime(budget);
        assertEquals(1, client.query("SELECT 1 AS one").size(), "connect and read");
        assertEquals(1, client.update("INSERT INTO t VALUES (1)"));
        assertEquals(2L, (long) client.transaction(tx -> {
            tx.update("INSERT INTO t VALUES (2)");
            return ((Number) tx.query("SELECT COUNT(*) AS n FROM t").get(0).get("n")).longValue();
        }));
        client.update("SET @x = 1");
        client.end();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < budget.toMillis(), "took " + ms + " ms");
        assertEquals(2, TestDb.count(db, "t"));
        assertEquals(0, client.stats().errors());
        assertEquals(1, client.stats().connects(), "no timeout fired: one connection throughout");
    }
}
