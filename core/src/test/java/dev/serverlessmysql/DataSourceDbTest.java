package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DataSource view: plain JDBC on the managed connection, where closing only releases it. */
@MySqlTest
class DataSourceDbTest {

    private final MySqlDatabase db;
    private ServerlessMysql client;

    DataSourceDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp() {
        client = TestDb.client(db).build();
    }

    @AfterEach
    void tearDown() {
        client.quit();
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
}
