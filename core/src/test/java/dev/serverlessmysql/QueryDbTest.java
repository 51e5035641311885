package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Statements, results, errors and stats on the shared server. */
@MySqlTest
@Timeout(60)
class QueryDbTest {

    private final MySqlDatabase db;
    private ServerlessMysql client;
    private final RecordingListener listener = new RecordingListener();

    QueryDbTest(MySqlDatabase db) {
        this.db = db;
    }

    record Person(long id, String name) {
    }

    @BeforeEach
    void setUp() throws SQLException {
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.people (id BIGINT PRIMARY KEY, name VARCHAR(50))");
        TestDb.admin(db, "DELETE FROM `" + db.name() + "`.people");
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.auto (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " v INT, UNIQUE KEY (v))");
        client = TestDb.client(db).listener(listener).build();
    }

    @AfterEach
    void tearDown() {
        client.quit();
    }

    @Test
    void queriesUpdatesAndMappers() {
        assertEquals(1, client.update("INSERT INTO people (id, name) VALUES (?, ?)", 1, "Ada"));
        assertEquals(2, client.update("INSERT INTO people (id, name) VALUES (?, ?), (?, ?)", 2, "Bob", 3, null));
        List<Map<String, Object>> rows = client.query("SELECT id, name FROM people WHERE id <= ? ORDER BY id", 2);
        assertEquals(2, rows.size());
        assertEquals(List.of("id", "name"), new ArrayList<>(rows.get(0).keySet()), "columns in order");
        assertEquals("Ada", rows.get(0).get("name"));
        assertEquals(1L, ((Number) rows.get(0).get("id")).longValue());

        List<Person> people = client.query("SELECT id, name FROM people ORDER BY id",
                rs -> new Person(rs.getLong("id"), rs.getString("name")));
        assertEquals(List.of(new Person(1, "Ada"), new Person(2, "Bob"), new Person(3, null)), people);
        assertNull(client.query("SELECT name FROM people WHERE id = ?", 3).get(0).get("name"));
        assertEquals(1, client.query("SELECT id FROM people WHERE name IS NULL").size());
        assertTrue(client.query("SELECT id FROM people WHERE id = ?", 99).isEmpty());
        assertEquals(3, client.update("UPDATE people SET name = ? WHERE id > ?", "x", 0));
        assertEquals(1, client.stats().connects(), "one connection for everything");
        assertEquals("connect", listener.events.get(0));
    }

    @Test
    void everyKindOfQueryGivesItsRowsWhicheverWayTheDriverIsAskedForThem() throws SQLException {
        client.update("INSERT INTO people (id, name) VALUES (?, ?), (?, ?)", 1, "Ada", 2, "Bob");
        TestDb.admin(db, "DROP PROCEDURE IF EXISTS `" + db.name() + "`.two_people");
        TestDb.admin(db, "CREATE PROCEDURE `" + db.name() + "`.two_people() SELECT name FROM `" + db.name()
                + "`.people ORDER BY id");
        // reads (Sql.READ_ONLY), through executeQuery()
        assertEquals(List.of(2), client.query("(SELECT 1) UNION (SELECT 2) ORDER BY 1 DESC LIMIT 1",
                rs -> rs.getInt(1)));
        assertEquals(List.of("Ada", "Bob"), client.query("/* note */ WITH p AS (SELECT id, name FROM people)"
                + " SELECT name FROM p ORDER BY id", rs -> rs.getString(1)));
        assertEquals(1, client.query("SHOW TABLES LIKE 'people'").size());
        assertEquals(2, client.query("DESCRIBE people").size(), "two columns");
        assertFalse(client.query("EXPLAIN SELECT * FROM people WHERE id = ?", 1).isEmpty());
        // anything else, through execute(): a text that begins with an executable comment (which the client cannot
        // classify), a procedure's result, and statements that give no result set at all
        assertEquals(List.of(2L), client.query("/*!50000 */ SELECT COUNT(*) FROM people",
                rs -> rs.getLong(1)));
        assertEquals(List.of("Ada", "Bob"), client.query("CALL two_people()", rs -> rs.getString(1)));
        assertEquals(List.of(), client.query("DO 1"));
        assertEquals(List.of(), client.query("UPDATE people SET name = ? WHERE id = ?", "Eve", 2));
        assertEquals("Eve", client.query("SELECT name FROM people WHERE id = ?", 2).get(0).get("name"));
    }

    @Test
    void sqlErrorsKeepTheirSqlStateAndVendorCode() {
        ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class,
                () -> client.query("SELECT * FROM no_such_table"));
        assertEquals(1146, e.getErrorCode());
        assertEquals("42S02", e.getSQLState());
        assertInstanceOf(SQLException.class, e.getCause());
        assertEquals(1146, e.getSQLException().getErrorCode(), "the driver's exception is the cause, untouched");
        assertTrue(e.getMessage().contains("no_such_table") && e.getMessage().contains("1146"), e.getMessage());

        e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELEKT 1"));
        assertEquals(1064, e.getErrorCode());
        assertEquals("42000", e.getSQLState());

        client.update("INSERT INTO people (id, name) VALUES (?, ?)", 7, "x");
        e = assertThrows(ServerlessMysqlException.class,
                () -> client.update("INSERT INTO people (id, name) VALUES (?, ?)", 7, "dup"));
        assertEquals(1062, e.getErrorCode());
        assertEquals("23000", e.getSQLState());

        assertEquals(3, client.stats().errors());
        assertEquals(3, listener.count("error"));
        assertEquals(1, client.stats().connects(), "an SQL error does not cost the connection");
    }

    @Test
    void wrongParameterCountsGiveClearErrors() {
        ServerlessMysqlException tooFew = assertThrows(ServerlessMysqlException.class,
                () -> client.query("SELECT ? + ?", 1));
        assertTrue(tooFew.getMessage().contains("SELECT ? + ?"), tooFew.getMessage());
        assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT ?", 1, 2));
        assertEquals(2L, ((Number) client.query("SELECT ? + ? AS s", 1, 1).get(0).get("s")).longValue(),
                "the connection still works");
        assertEquals(1, client.query("SELECT 1", (Object[]) null).size(), "a null parameter array means none");
        assertNull(client.query("SELECT ? AS v", (Object) null).get(0).get("v"));
    }

    @Test
    void runtimeExceptionsFromMappersPassThrough() {
        client.update("INSERT INTO people (id, name) VALUES (1, 'a')");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> client.query("SELECT id FROM people", rs -> {
                    throw new IllegalStateException("mapper says no");
                }));
        assertEquals("mapper says no", e.getMessage());
        assertEquals(1, client.query("SELECT 1").size());
    }

    @Test
    void statementsFromManyThreadsShareTheOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                ids.add(pool.submit(() -> {
                    client.update("INSERT INTO people (id, name) VALUES (?, ?)", n, "p" + n);
                    return TestDb.connectionId(client);
                }));
            }
            long first = ids.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Long> f : ids) {
                assertEquals(first, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200L, ((Number) client.query("SELECT COUNT(*) AS n FROM people").get(0).get("n")).longValue());
        assertEquals(1, client.stats().connects());
    }

    @Test
    void aThreadWaitingForTheClientGivesUpWithinTheRemainingTimeAndNamesTheHolder() throws Exception {
        // 1.5 s left less the 500 ms margin: a waiting thread may wait 1 s, never until Lambda kills the invocation
        client.remainingTime(() -> 1500);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> client.transaction(tx -> {
            tx.update("INSERT INTO people (id, name) VALUES (1, 'held')");
            inside.countDown();
            release.await();
            return null;
        }), "holder-thread");
        holder.start();
        try {
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            try {
                Future<ServerlessMysqlException> waited = waiter.submit(() -> assertThrows(ServerlessMysqlException.class,
                        () -> client.query("SELECT 1 AS one")));
                // an untimed wait would still be waiting when the holder is released below
                ServerlessMysqlException e = waited.get(20, TimeUnit.SECONDS);
                assertTrue(e.getMessage().startsWith("Gave up waiting for the client's connection for a statement"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("held by thread holder-thread (a transaction)"), e.getMessage());
                assertEquals("HYT00", e.getSQLState());
            } finally {
                waiter.shutdownNow();
            }
        } finally {
            release.countDown();
            holder.join(30_000);
        }
        assertEquals(1L, ((Number) client.query("SELECT COUNT(*) AS n FROM people").get(0).get("n")).longValue(),
                "the holder's transaction committed and the client works again");
    }

    @Test
    void twoClientsInOneJvmAreIndependent() {
        try (ServerlessMysql other = TestDb.client(db).build()) {
            long a = TestDb.connectionId(client);
            long b = TestDb.connectionId(other);
            assertNotEquals(a, b);
            other.quit();
            assertEquals(a, TestDb.connectionId(client), "quitting one leaves the other alone");
            assertThrows(IllegalStateException.class, () -> other.query("SELECT 1"));
        }
    }

    @Test
    void endKeepsTheConnectionForTheNextInvocation() {
        long id = TestDb.connectionId(client);
        client.end();
        client.end();
        assertEquals(id, TestDb.connectionId(client));
        assertEquals(2, client.stats().ends());
        assertEquals(1, client.stats().connects());
        assertFalse(listener.events.contains("close UTILIZATION"));
    }

    @Test
    void manageConnectionsOffMakesEndDoNothingButCount() throws SQLException {
        try (ServerlessMysql unmanaged = TestDb.client(db).manageConnections(false).connUtilization(0.0001).build()) {
            long id = TestDb.connectionId(unmanaged);
            unmanaged.end();
            assertEquals(id, TestDb.connectionId(unmanaged));
            assertEquals(1, unmanaged.stats().ends());
            assertEquals(0, unmanaged.stats().closesForUtilization());
        }
    }

    @Test
    void insertReturnsTheGeneratedKey() {
        long first = client.insert("INSERT INTO auto (v) VALUES (?)", 1);
        long second = client.insert("INSERT INTO auto (v) VALUES (?)", 2);
        assertTrue(first > 0 && second > first, first + ", " + second);
        assertEquals(second, ((Number) client.query("SELECT id FROM auto WHERE v = ?", 2).get(0).get("id")).longValue());
        assertEquals(0, client.insert("INSERT INTO people (id, name) VALUES (?, ?)", 1, "no key"),
                "0 when the statement generated no key, as LAST_INSERT_ID() says");
    }

    @Test
    void updateWithKeysReturnsTheCountAndEveryGeneratedKey() {
        UpdateResult result = client.updateWithKeys("INSERT INTO auto (v) VALUES (?), (?), (?)", 10, 11, 12);
        assertEquals(3, result.count());
        List<Long> ids = client.query("SELECT id FROM auto WHERE v >= 10 ORDER BY id", rs -> rs.getLong(1));
        assertEquals(ids, result.keys());
        assertEquals(ids.get(0), result.key());
        UpdateResult none = client.updateWithKeys("UPDATE auto SET v = v + 100 WHERE v >= ?", 10);
        assertEquals(3, none.count());
        assertEquals(List.of(), none.keys());
        assertEquals(0, none.key());
    }

    @Test
    void transactionsReturnGeneratedKeysToo() {
        long[] keys = client.transaction(tx -> new long[] {tx.insert("INSERT INTO auto (v) VALUES (?)", 20),
            tx.updateWithKeys("INSERT INTO auto (v) VALUES (?), (?)", 21, 22).keys().get(1)});
        assertEquals(client.query("SELECT id FROM auto WHERE v IN (20, 22) ORDER BY v", rs -> rs.getLong(1)),
                List.of(keys[0], keys[1]));
    }
}
