package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server, not the SQL text, says whether a transaction is open (issue 11, findings 1 and 5): transactions begun
 * behind the client's back never survive {@code end()}, statements that commit implicitly make the outcome of a later
 * loss unknown, and a deadlock swallowed through {@link Transaction#connection()} can never be committed over.
 */
@MySqlTest
@Timeout(60)
class ServerStateDbTest {

    private static final String FAKE_DEADLOCK = "CALL fake_deadlock()";

    private final MySqlDatabase db;
    private final RecordingListener listener = new RecordingListener();
    private ServerlessMysql client;

    ServerStateDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws SQLException {
        String t = "`" + db.name() + "`.";
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS " + t + "t (id INT PRIMARY KEY)");
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS " + t + "other (id INT PRIMARY KEY)");
        TestDb.admin(db, "DELETE FROM " + t + "t");
        TestDb.admin(db, "DROP PROCEDURE IF EXISTS " + t + "begin_tx");
        TestDb.admin(db, "CREATE PROCEDURE " + t + "begin_tx() BEGIN START TRANSACTION; INSERT INTO t VALUES (100); END");
        TestDb.createFakeDeadlock(db);
        client = TestDb.client(db).listener(listener).build();
    }

    @AfterEach
    void tearDown() {
        client.quit();
    }

    private long rows() throws SQLException {
        return TestDb.count(db, "t");
    }

    @Test
    void aBeginOnADataSourceConnectionDoesNotSurviveEnd() throws Exception {
        try (Connection c = client.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO t VALUES (1)");
        }
        client.end();
        assertEquals(1, client.update("INSERT INTO t VALUES (2)"));
        assertEquals(1, rows(), "the next invocation's write is committed, and the abandoned BEGIN's row is not");
        client.quit();
        assertEquals(1, rows(), "an acknowledged write survives the connection's close");
        assertEquals(1, listener.count("leak"), "the abandoned transaction was reported");
    }

    @Test
    void aProcedureThatBeginsATransactionDoesNotSurviveEnd() throws Exception {
        client.update("CALL begin_tx()");
        client.end();
        assertEquals(1, client.update("INSERT INTO t VALUES (2)"));
        assertEquals(1, rows(), "only the next invocation's write is committed");
        client.quit();
        assertEquals(1, rows());
        assertEquals(1, client.stats().transactionsRolledBack());
    }

    @Test
    void aTransactionBegunByAProcedureIsNeverCarriedOverToANewConnection() throws Exception {
        try (ServerlessMysql lazy = TestDb.client(db).validateAfterEnd(false).validateAfterIdle(Duration.ofHours(1))
                .build()) {
            lazy.update("CALL begin_tx()");
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> lazy.update("INSERT INTO t VALUES (2)"));
            assertFalse(e.outcomeUnknown(), "the server rolled the open transaction back: " + e.getMessage());
            assertEquals(0, rows());
        }
    }

    @Test
    void anImplicitCommitMakesALaterLossOfAStatementTransactionUnknown() throws Exception {
        try (ServerlessMysql lazy = TestDb.client(db).validateAfterEnd(false).validateAfterIdle(Duration.ofHours(1))
                .build()) {
            lazy.update("START TRANSACTION");
            lazy.update("INSERT INTO t VALUES (1)");
            lazy.update("TRUNCATE TABLE other");
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> lazy.update("INSERT INTO t VALUES (2)"));
            assertTrue(e.outcomeUnknown(), "TRUNCATE committed the first insert: " + e.getMessage());
            assertFalse(e.getMessage().contains("nothing of it was committed"), e.getMessage());
            assertEquals(1, rows(), "the row TRUNCATE committed implicitly is there");
        }
    }

    @Test
    void afterAnImplicitCommitTheRestOfTheCallbackStillRollsBackTogether() throws Exception {
        assertThrows(IllegalStateException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t VALUES (1)");
            tx.update("TRUNCATE TABLE other");
            tx.update("INSERT INTO t VALUES (2)");
            tx.update("INSERT INTO t VALUES (3)");
            throw new IllegalStateException("the callback fails");
        }));
        assertEquals(1, rows(), "TRUNCATE committed the first insert; the two after it were rolled back, not autocommitted");
    }

    @Test
    void afterAFailedStatementThatCommitsImplicitlyTheRestStillRollsBackTogether() throws Exception {
        assertThrows(IllegalStateException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t VALUES (1)");
            assertThrows(ServerlessMysqlException.class, () -> tx.update("CREATE TABLE other (id INT)"),
                    "the table exists; the server committed before it found out");
            tx.update("INSERT INTO t VALUES (2)");
            throw new IllegalStateException("the callback fails");
        }));
        assertEquals(1, rows(), "the insert after the failed CREATE TABLE was rolled back, not autocommitted");
    }

    @Test
    void anImplicitCommitInsideTheCallbackMakesALaterLossUnknown() throws Exception {
        ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t VALUES (1)");
            tx.update("TRUNCATE TABLE other");
            TestDb.kill(db, ((Number) tx.query("SELECT CONNECTION_ID() AS id").get(0).get("id")).longValue());
            return tx.update("INSERT INTO t VALUES (2)");
        }));
        assertTrue(e.outcomeUnknown(), "TRUNCATE committed the first insert: " + e.getMessage());
        assertEquals(1, rows());
    }

    @Test
    void aStatementThatMayCommitImplicitlyAndIsLostHasAnUnknownOutcome() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql lazy = TestDb.client(db).driver(driver).validateAfterEnd(false)
                .validateAfterIdle(Duration.ofHours(1)).build()) {
            lazy.update("START TRANSACTION");
            lazy.update("INSERT INTO t VALUES (1)");
            long id = TestDb.connectionId(lazy);
            driver.hook(sql -> {
                if (sql.startsWith("ALTER")) {
                    TestDb.kill(db, id);
                }
            });
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> lazy.update("ALTER TABLE other COMMENT = 'x'"));
            assertTrue(e.outcomeUnknown(), "an ALTER commits what came before it: " + e.getMessage());
        }
    }

    @Test
    void aDeadlockSwallowedThroughTheTransactionsConnectionIsNeverCommittedOver() throws Exception {
        ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t VALUES (1)");
            try (Statement s = tx.connection().createStatement()) {
                s.execute(FAKE_DEADLOCK);
            } catch (SQLException swallowed) {
                // the server rolled the transaction back; going on would commit the rest on its own
            }
            try (Statement s = tx.connection().createStatement()) {
                s.execute("INSERT INTO t VALUES (2)");
            } catch (SQLException refused) {
                // refused, as it must be
            }
            return null;
        }));
        assertEquals(1213, e.getErrorCode(), e.getMessage());
        assertEquals(0, rows(), "nothing after the deadlock was committed");
        assertEquals(1, client.update("INSERT INTO t VALUES (3)"), "the client works on");
    }

    @Test
    void theTransactionsConnectionRefusesToEndTheTransactionItself() throws Exception {
        client.transaction(tx -> {
            Connection c = tx.connection();
            assertThrows(SQLException.class, c::commit);
            assertThrows(SQLException.class, () -> c.setAutoCommit(true));
            TestDb.exec(c, "INSERT INTO t VALUES (1)");
            c.close();
            assertEquals(1, tx.update("INSERT INTO t VALUES (2)"), "closing it changed nothing");
            return null;
        });
        assertEquals(2, rows());
    }

    @Test
    void anErrorReplyToEndsOwnStatementsDoesNotLookLikeAnOpenTransaction() throws Exception {
        java.sql.Connection zombie = TestDb.raw(db);
        long zombieId = TestDb.connectionId(zombie);
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        // another container kills the zombie first, so the client's KILL gets "unknown thread" (1094), an error reply
        driver.hook(sql -> {
            if (sql.startsWith("KILL ")) {
                TestDb.kill(db, Long.parseLong(sql.substring(5).trim()));
            }
        });
        try (ServerlessMysql racing = TestDb.client(db).driver(driver).connUtilization(0.0001).usedConnsFreq(Duration.ZERO)
                .zombieMinTimeout(Duration.ofSeconds(1)).listener(listener).build()) {
            racing.query("SELECT 1");
            TestDb.await("the zombie idles past zombieMinTimeout", Duration.ofSeconds(10), () -> idleSeconds(zombieId) >= 2);
            racing.end();
            assertEquals(1, listener.count("kill"), listener.events.toString());
            assertEquals(1, (int) racing.transaction(tx -> tx.update("INSERT INTO t VALUES (1)")),
                    "no transaction is open after end(), whatever the error reply did to the driver's flags");
        } finally {
            zombie.close();
        }
    }

    private long idleSeconds(long id) {
        try (java.sql.Connection admin = db.adminDataSource().getConnection();
             java.sql.PreparedStatement ps = admin.prepareStatement(
                     "SELECT TIME FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            ps.setLong(1, id);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
