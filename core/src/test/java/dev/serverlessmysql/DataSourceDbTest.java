package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The DataSource view: plain JDBC on the managed connection, where closing only releases it. */
@MySqlTest
@Timeout(60)
class DataSourceDbTest {

    private final MySqlDatabase db;
    private final RecordingListener listener = new RecordingListener();
    private ServerlessMysql client;

    DataSourceDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() throws SQLException {
        TestDb.admin(db, "CREATE TABLE IF NOT EXISTS `" + db.name() + "`.t (id INT PRIMARY KEY)");
        TestDb.admin(db, "DELETE FROM `" + db.name() + "`.t");
        client = TestDb.client(db).listener(listener).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        // on another thread, so that a wedged client fails the test instead of hanging the build
        CompletableFuture.runAsync(client::quit).get(20, TimeUnit.SECONDS);
    }

    @Test
    void connectionsAreTheManagedOneAndClosingOnlyReleasesThem() throws Exception {
        DataSource ds = client.dataSource();
        long viaClient = TestDb.connectionId(client);
        Connection c = ds.getConnection();
        assertEquals(viaClient, TestDb.connectionId(c));
        try (PreparedStatement ps = c.prepareStatement("SELECT ? + 1")) {
            ps.setInt(1, 41);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
        }
        assertFalse(c.getMetaData().getDatabaseProductName().isEmpty());
        c.close();
        c.close();
        assertTrue(c.isClosed());
        SQLException released = assertThrows(SQLException.class, c::createStatement);
        assertEquals("08003", released.getSQLState());
        try (Connection again = ds.getConnection()) {
            assertEquals(viaClient, TestDb.connectionId(again));
        }
        assertEquals(viaClient, TestDb.connectionId(client));
        assertEquals(1, client.stats().connects());
        assertEquals(1, TestDb.sessions(db, db.user()));
    }

    @Test
    void sessionSettingsArePutBackOnRelease() throws Exception {
        try (Connection c = client.dataSource().getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setReadOnly(true);
        }
        assertEquals("REPEATABLE-READ", TestDb.isolationLevel(client));
        assertEquals(1, client.update("CREATE TEMPORARY TABLE tmp (id INT)") + 1, "read-write again");
    }

    @Test
    void anOpenConnectionKeepsOtherThreadsOutOfItsTransaction() throws Exception {
        Connection c = client.dataSource().getConnection();
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> TestDb.connectionId(client));
        assertThrows(TimeoutException.class, () -> other.get(300, TimeUnit.MILLISECONDS));
        c.close();
        assertTrue(other.get(10, TimeUnit.SECONDS) > 0);
    }

    @Test
    void errorsAndUnsupportedCallsAreSqlExceptions() throws Exception {
        assertThrows(SQLFeatureNotSupportedException.class, () -> client.dataSource().getConnection("a", "b"));
        assertSame(client, client.dataSource().unwrap(ServerlessMysql.class));
        assertTrue(client.dataSource().isWrapperFor(ServerlessMysql.class));
        try (ServerlessMysql bad = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).user(db.user())
                .password("not-the-password").build()) {
            SQLException e = assertThrows(SQLException.class, () -> bad.dataSource().getConnection());
            assertEquals(1045, e.getErrorCode(), "the driver's own exception, codes intact");
            CompletableFuture.runAsync(() -> assertThrows(SQLException.class, () -> bad.dataSource().getConnection()))
                    .get(10, TimeUnit.SECONDS);
        }
        client.quit();
        assertThrows(SQLException.class, () -> client.dataSource().getConnection());
    }

    @Test
    void closingANestedConnectionLeavesTheOuterTransactionAlone() throws Exception {
        DataSource ds = client.dataSource();
        try (Connection outer = ds.getConnection()) {
            outer.setAutoCommit(false);
            TestDb.exec(outer, "INSERT INTO t VALUES (1)");
            try (Connection inner = ds.getConnection()) {
                TestDb.exec(inner, "INSERT INTO t VALUES (2)");
            }
            assertFalse(outer.getAutoCommit(), "the outer transaction is still open");
            TestDb.exec(outer, "INSERT INTO t VALUES (3)");
            outer.rollback();
        }
        assertEquals(0, TestDb.count(db, "t"), "the outer rollback undid all three inserts");
        try (Connection outer = ds.getConnection()) {
            outer.setAutoCommit(false);
            TestDb.exec(outer, "INSERT INTO t VALUES (1)");
            try (Connection inner = ds.getConnection()) {
                TestDb.exec(inner, "INSERT INTO t VALUES (2)");
            }
            assertEquals(0, TestDb.count(db, "t"), "nothing committed before the outer commit");
            outer.commit();
        }
        assertEquals(2, TestDb.count(db, "t"));
        assertEquals(0, listener.count("leak"));
    }

    @Test
    void statementsAndResultSetsLeftOpenAreClosedOnRelease() throws Exception {
        for (int i = 0; i < 200; i++) {
            client.update("INSERT INTO t VALUES (?)", i);
        }
        Connection c = client.dataSource().getConnection();
        Statement streaming = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        streaming.setFetchSize(TestDb.driver().equals("mysql") ? Integer.MIN_VALUE : 1);
        ResultSet rs = streaming.executeQuery("SELECT a.id FROM t a, t b");
        assertTrue(rs.next());
        PreparedStatement prepared = c.prepareStatement("SELECT id FROM t WHERE id = ?");
        assertSame(c, prepared.getConnection(), "statements hand out the view, never the driver's connection");
        c.close();
        assertTrue(rs.isClosed(), "the result set was closed on release");
        assertTrue(streaming.isClosed() && prepared.isClosed(), "the statements were closed on release");
        client.end();
        assertEquals(200L, ((Number) client.query("SELECT COUNT(*) AS n FROM t").get(0).get("n")).longValue(),
                "the next statement works");
        assertEquals(1, client.stats().connects(), "on the same connection");
    }

    @Test
    void aConnectionWhoseStateCannotBeRestoredIsDiscarded() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql own = TestDb.client(db).driver(driver).build()) {
            long first = TestDb.connectionId(own);
            Connection c = own.dataSource().getConnection();
            c.setAutoCommit(false);
            TestDb.exec(c, "INSERT INTO t VALUES (1)");
            driver.connectionHook(method -> {
                if (method.equals("rollback")) {
                    throw new SQLException("injected: the rollback failed", "HY000");
                }
            });
            c.close();
            driver.connectionHook(method -> { });
            TestDb.await("the unrestored session is gone", Duration.ofSeconds(10), () -> !TestDb.sessionExists(db, first));
            assertNotEquals(first, TestDb.connectionId(own), "a new connection, never the unrestored one");
            assertEquals(0, TestDb.count(db, "t"), "the transaction it held was never committed");
        }
    }

    @Test
    void aConnectionClosedOnAnotherThreadDoesNotWedgeTheClient() throws Exception {
        Connection c = client.dataSource().getConnection();
        CompletableFuture.runAsync(() -> {
            try {
                c.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertTrue(c.isClosed());
        long id = CompletableFuture.supplyAsync(() -> TestDb.connectionId(client)).get(10, TimeUnit.SECONDS);
        assertEquals(id, TestDb.connectionId(client));
    }

    @Test
    void aConnectionLeakedOnAWorkerThreadDoesNotWedgeTheClient() throws Exception {
        Connection[] leaked = new Connection[1];
        Thread worker = new Thread(() -> {
            try {
                leaked[0] = client.dataSource().getConnection();
                leaked[0].setAutoCommit(false);
                TestDb.exec(leaked[0], "INSERT INTO t VALUES (1)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        worker.start();
        worker.join(10_000);
        assertEquals(1, (int) CompletableFuture.supplyAsync(() -> client.update("INSERT INTO t VALUES (2)"))
                .get(10, TimeUnit.SECONDS), "a thread that died holding a connection gives it up");
        assertTrue(leaked[0].isClosed());
        assertEquals(1, TestDb.count(db, "t"), "the leaked transaction was rolled back");

        CompletableFuture<Void> parked = new CompletableFuture<>();
        CompletableFuture<Void> holding = CompletableFuture.runAsync(() -> {
            try {
                leaked[0] = client.dataSource().getConnection();
                parked.join();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        TestDb.await("the worker holds a connection", Duration.ofSeconds(10), () -> leaked[0] != null && !isClosed(leaked[0]));
        CompletableFuture.runAsync(client::end).get(10, TimeUnit.SECONDS);
        assertTrue(leaked[0].isClosed(), "end() releases a connection a live worker still holds");
        assertEquals(1, client.update("INSERT INTO t VALUES (3)"));
        parked.complete(null);
        holding.get(10, TimeUnit.SECONDS);
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
