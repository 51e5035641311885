package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that die while idle (killed, past wait_timeout, server crash, SnapStart) are replaced before the next
 * statement; statements that may have written are never re-run.
 */
@MySqlTest(serverVariables = {"max_connections=20", "wait_timeout=2"})
class DeadConnectionDbTest {

    private final MySqlDatabase db;
    private final RecordingListener listener = new RecordingListener();

    DeadConnectionDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void table() throws SQLException {
        if (!db.server().isRunning()) {
            db.server().start();
        }
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.t (id INT PRIMARY KEY)");
        TestDb.admin(db, "DELETE FROM `" + db.name() + "`.t");
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.auto (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
    }

    @AfterEach
    void serverUp() {
        if (!db.server().isRunning()) {
            db.server().start();
        }
    }

    @Test
    void aConnectionKilledBetweenInvocationsIsReplacedUnseen() throws Exception {
        // the kill comes milliseconds after end(): the default aliveBypassWindow (500 ms) would trust a connection used
        // that recently (no zombie sweep reaps a session idle under zombieMinTimeout), so the window is off here
        try (ServerlessMysql client = TestDb.client(db).aliveBypassWindow(Duration.ZERO).listener(listener).build()) {
            long id = TestDb.connectionId(client);
            client.end();
            TestDb.kill(db, id);
            assertEquals(1, client.update("INSERT INTO t VALUES (1)"), "a write right after: no error");
            assertNotEquals(id, TestDb.connectionId(client));
            assertEquals(1, client.stats().reconnects());
            assertEquals(0, client.stats().errors());
            assertTrue(listener.events.contains("close DEAD"), listener.events.toString());
            assertEquals(1, TestDb.count(db, "t"));
        }
    }

    @Test
    void aReadAfterEndSkipsThePingAndStillNeverSeesAKilledConnection() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).listener(listener).build()) {
            long id = TestDb.connectionId(client);
            client.end();
            TestDb.kill(db, id);
            assertEquals(1, client.query("SELECT 1 AS one").size());
            assertEquals(1, client.stats().queryRetries(), "re-run once on a new connection instead of a ping first");
            assertEquals(0, client.stats().errors());
            client.end();
            assertEquals(1, client.query("SELECT 1 AS one").size());
            assertEquals(1, client.stats().queryRetries(), "a live connection is simply used");
        }
    }

    @Test
    void aTransactionAfterEndOnAKilledConnectionStartsOverUnseen() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).build()) {
            long id = TestDb.connectionId(client);
            client.end();
            TestDb.kill(db, id);
            client.transaction(tx -> tx.update("INSERT INTO t VALUES (1)"));
            assertEquals(1, TestDb.count(db, "t"));
            assertEquals(0, client.stats().errors());
        }
    }

    @Test
    void aReadOnlyStatementOnAConnectionKilledMomentsAgoIsRetriedOnceOnANewOne() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).validateAfterEnd(false).validateAfterIdle(Duration.ofHours(1))
                .listener(listener).build()) {
            long id = TestDb.connectionId(client);
            TestDb.kill(db, id);
            assertEquals(1, client.query("SELECT 1 AS one").size());
            assertEquals(1, client.stats().queryRetries());
            assertEquals(1, listener.count("queryRetry"));
            assertEquals(0, client.stats().errors());
        }
    }

    @Test
    void aWriteOnAConnectionKilledMomentsAgoIsNeverReRun() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).validateAfterEnd(false).validateAfterIdle(Duration.ofHours(1))
                .build()) {
            long id = TestDb.connectionId(client);
            TestDb.kill(db, id);
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> client.update("INSERT INTO t VALUES (1)"));
            assertTrue(e.outcomeUnknown());
            assertTrue(e.getSQLState().startsWith("08") || e.getErrorCode() == 1927, e.getMessage());
            assertTrue(e.getMessage().contains("not re-run"), e.getMessage());
            assertEquals(0, client.stats().queryRetries());
            assertEquals(0, TestDb.count(db, "t"));
            assertEquals(1, client.update("INSERT INTO t VALUES (2)"), "the next call reconnects");
        }
    }

    @Test
    void aConnectionPastWaitTimeoutIsReplacedUnseen() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).listener(listener).build()) {
            long id = TestDb.connectionId(client);
            // sitting idle past the server's wait_timeout (2 s) is what this test is about
            Thread.sleep(3200);
            TestDb.await("the server dropped the idle session", Duration.ofSeconds(5), () -> !TestDb.sessionExists(db, id));
            assertEquals(1, client.update("INSERT INTO t VALUES (1)"));
            assertEquals(1, client.stats().reconnects());
            assertEquals(0, client.stats().errors());
        }
    }

    @Test
    void aServerCrashFailsOnlyWhileTheServerIsDownAndRecoversAfterwards() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).retryDeadline(Duration.ofMillis(600)).build()) {
            client.update("INSERT INTO t VALUES (1)");
            client.end();
            db.server().crash();
            ServerlessMysqlException down = assertThrows(ServerlessMysqlException.class,
                    () -> client.query("SELECT COUNT(*) FROM t"));
            assertTrue(down.getSQLState().startsWith("08"), down.getMessage());
            db.server().start();
            long start = System.nanoTime();
            assertEquals(1, client.query("SELECT COUNT(*) AS n FROM t").size());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1000, "recovers within a second");
            client.update("INSERT INTO t VALUES (2)");
        }
    }

    @Test
    void aStatementTransactionIsNeverCarriedOverToANewConnection() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).validateAfterIdle(Duration.ZERO).build()) {
            client.update("START TRANSACTION");
            client.update("INSERT INTO t VALUES (1)");
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> client.update("INSERT INTO t VALUES (2)"));
            assertFalse(e.outcomeUnknown(), "the server rolled the transaction back");
            assertTrue(e.getMessage().contains("START TRANSACTION"), e.getMessage());
            assertEquals(0, TestDb.count(db, "t"), "neither insert survived");
            client.update("INSERT INTO t VALUES (3)");
            assertEquals(1, TestDb.count(db, "t"), "the next call runs in autocommit on a new connection");
        }
    }

    @Test
    void snapStartClosesBeforeTheCheckpointAndReconnectsLazilyAfterTheRestore() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).listener(listener).build()) {
            assertTrue(client.hasCheckpointHook(), "org.crac is on the classpath, so the hook is registered");
            long id = TestDb.connectionId(client);
            client.beforeCheckpoint();
            assertTrue(listener.events.contains("close CHECKPOINT"));
            TestDb.await("session closed", Duration.ofSeconds(5), () -> !TestDb.sessionExists(db, id));
            client.afterRestore();
            assertEquals(1, client.stats().connects(), "no reconnect until a statement needs one");
            assertNotEquals(id, TestDb.connectionId(client));
            assertEquals(2, client.stats().connects());
        }
        try (ServerlessMysql client = TestDb.client(db).checkpointHook(false).build()) {
            assertFalse(client.hasCheckpointHook());
        }
    }

    /** A client that never pings first, so that a dead connection is found by the statement itself. */
    private ServerlessMysql lazyClient() {
        return TestDb.client(db).validateAfterEnd(false).validateAfterIdle(Duration.ofHours(1)).listener(listener)
                .build();
    }

    @Test
    void aReadOfLastInsertIdIsNeverReRunOnANewSession() throws Exception {
        try (ServerlessMysql client = lazyClient()) {
            client.update("INSERT INTO auto (v) VALUES (1)");
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            ConnectionLostException e = assertThrows(ConnectionLostException.class,
                    () -> client.query("SELECT LAST_INSERT_ID() AS id"));
            assertFalse(e.outcomeUnknown(), "a read wrote nothing");
            assertEquals(0, client.stats().queryRetries(), "not re-run: a new session would answer 0");
        }
    }

    @Test
    void sessionDependentReadsAreNeverReRunOnANewSession() throws Exception {
        String[] reads = {"SELECT FOUND_ROWS() AS n", "SELECT ROW_COUNT() AS n", "SELECT @total AS n",
            "SELECT CONNECTION_ID() AS n"};
        for (String read : reads) {
            try (ServerlessMysql client = lazyClient()) {
                client.query("SELECT 1");
                TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
                assertThrows(ConnectionLostException.class, () -> client.query(read), read);
                assertEquals(0, client.stats().queryRetries(), read);
            }
        }
    }

    @Test
    void afterSetOrUseNoReadIsReRunOnANewSession() throws Exception {
        String[] changes = {"SET time_zone = '+05:00'", "SET @total = 5", "USE information_schema",
            "CREATE TEMPORARY TABLE scratch (id INT)"};
        for (String change : changes) {
            try (ServerlessMysql client = lazyClient()) {
                client.update(change);
                TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
                assertThrows(ConnectionLostException.class, () -> client.query("SELECT 1 AS one"), change);
                assertEquals(0, client.stats().queryRetries(), change);
                assertEquals(1, client.query("SELECT 1 AS one").size(), "the next call works on a new connection");
            }
        }
    }

    @Test
    void aPlainReadIsStillReRunAfterEndResetTheSession() throws Exception {
        try (ServerlessMysql client = lazyClient()) {
            client.update("SET @total = 5");
            client.end();
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            assertEquals(1, client.query("SELECT 1 AS one").size());
            assertEquals(1, client.stats().queryRetries(), "the session was clean again, so the read was re-run");
        }
    }
}
