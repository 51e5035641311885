package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each network fault, seen through both drivers' raw JDBC against a real server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@MySqlTest(networkFaults = true, dedicatedServer = true, init = "db/schema.sql")
class NetworkFaultsTest {

    private static final String SHORT_READS = "socketTimeout=1000";
    private static final String PATIENT_READS = "socketTimeout=20000";

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void connectsThroughTheProxyToTheClassDatabase(String driver, NetworkFaults faults, MySqlDatabase db) throws SQLException {
        assertTrue(faults.jdbcUrl(driver).startsWith("jdbc:" + driver + "://127.0.0.1:" + faults.port() + "/" + db.name()),
                faults.jdbcUrl(driver));
        assertNotEquals(db.server().port(), faults.port());
        try (Connection c = Through.connect(faults, driver)) {
            assertEquals(db.server().port(), Through.single(c, "SELECT @@port"));
            assertEquals(db.name(), c.getCatalog());
            assertEquals(1, faults.openConnections());
        }
        try (Connection c = faults.dataSource().getConnection()) {
            assertEquals(2, Through.single(c, "SELECT COUNT(*) FROM customer"));
        }
    }

    @Test
    void prefersMysqlConnectorJLikeMySqlDatabaseAndRejectsUnknownDrivers(NetworkFaults faults, MySqlDatabase db) {
        assertEquals(faults.jdbcUrl("mysql"), faults.jdbcUrl());
        assertTrue(db.jdbcUrl().startsWith("jdbc:mysql:"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> faults.jdbcUrl("postgresql"));
        assertTrue(e.getMessage().contains("\"mariadb\""), e.getMessage());
        assertSame(db, faults.database());
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void aBlackHoleMakesAReadTimeOutInsteadOfFailing(String driver, NetworkFaults faults) throws SQLException {
        try (Connection c = Through.connect(faults, driver, SHORT_READS)) {
            assertEquals(1, Through.single(c, "SELECT 1"));
            faults.blackhole();
            SQLException e = assertThrows(SQLException.class, () -> Through.single(c, "SELECT 2"));
            assertTrue(Through.timedOut(e), "a black hole must time out, never reset: " + Through.describe(e));
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void aBlackHoleHoldsANewConnectInItsHandshakeAndHealRestoresService(String driver, NetworkFaults faults, MySqlDatabase db)
            throws SQLException {
        Await.noSessions(db.server(), db.user());
        faults.blackhole();
        SQLException e = assertThrows(SQLException.class, () -> Through.connect(faults, driver, SHORT_READS, "connectTimeout=1000").close());
        assertTrue(Through.timedOut(e), "the handshake must time out: " + Through.describe(e));
        assertEquals(0, db.server().sessionCount(db.user()), "nothing may reach the server through a black hole");
        faults.heal();
        try (Connection c = Through.connect(faults, driver, SHORT_READS)) {
            assertEquals(1, Through.single(c, "SELECT 1"));
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void resetConnectionsFailsOpenConnectionsAtOnceAndNewOnesWork(String driver, NetworkFaults faults) throws SQLException {
        try (Connection c = Through.connect(faults, driver, PATIENT_READS)) {
            assertEquals(1, Through.single(c, "SELECT 1"));
            faults.resetConnections();
            SQLException e = assertThrows(SQLException.class, () -> Through.single(c, "SELECT 2"));
            assertFalse(Through.timedOut(e), "a reset must not wait for the socket timeout: " + Through.describe(e));
            assertTrue(Through.resetOrClosed(e), Through.describe(e));
            assertTrue(String.valueOf(e.getSQLState()).startsWith("08"), "a connection error: " + Through.describe(e));
        }
        try (Connection c = Through.connect(faults, driver, PATIENT_READS)) {
            assertEquals(1, Through.single(c, "SELECT 1"));
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void refuseNewRefusesConnectsWhileOpenConnectionsGoOn(String driver, NetworkFaults faults) throws SQLException {
        try (Connection open = Through.connect(faults, driver, PATIENT_READS)) {
            faults.refuseNew();
            SQLException e = assertThrows(SQLException.class, () -> Through.connect(faults, driver, PATIENT_READS).close());
            assertTrue(Through.chain(e).stream().anyMatch(t -> t instanceof ConnectException), "refused: " + Through.describe(e));
            assertEquals(1, Through.single(open, "SELECT 1"));
            faults.heal();
            try (Connection fresh = Through.connect(faults, driver, PATIENT_READS)) {
                assertEquals(1, Through.single(fresh, "SELECT 1"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void latencyDelaysEveryRoundTripAndEverythingStillWorks(String driver, NetworkFaults faults) throws SQLException {
        faults.latency(Duration.ofMillis(100));
        try (Connection c = Through.connect(faults, driver, PATIENT_READS)) {
            long start = System.nanoTime();
            assertEquals(1, Through.single(c, "SELECT 1"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 200, "one round trip through 100 ms each way took " + millis + " ms");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO audit (what) VALUES ('slow " + driver + "')");
            }
            c.commit();
            assertEquals(1, Through.single(c, "SELECT COUNT(*) FROM audit WHERE what = 'slow " + driver + "'"));
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void routeToSendsNewConnectionsToTheStandbyWhileOpenOnesStay(String driver, NetworkFaults faults, MySqlDatabase db)
            throws SQLException {
        MySqlDatabase standby = faults.standby();
        try (Connection old = Through.connect(faults, driver, PATIENT_READS)) {
            faults.routeTo(standby.server());
            assertSame(standby.server(), faults.server());
            try (Connection fresh = Through.connect(faults, driver, PATIENT_READS); Statement s = fresh.createStatement()) {
                assertEquals(standby.server().port(), Through.single(fresh, "SELECT @@port"));
                assertEquals(db.server().port(), Through.single(old, "SELECT @@port"), "an open connection stays where it was");
                s.executeUpdate("INSERT INTO audit (what) VALUES ('marker " + driver + "')");
            }
        }
        String marker = "SELECT COUNT(*) FROM audit WHERE what = 'marker " + driver + "'";
        try (Connection onStandby = standby.dataSource().getConnection(); Connection onPrimary = db.dataSource().getConnection()) {
            assertEquals(1, Through.single(onStandby, marker));
            assertEquals(0, Through.single(onPrimary, marker));
        }
    }

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void aFailoverSeenThroughStaleDnsRefusesOldWritesWith1290AndNewConnectionsWrite(String driver, NetworkFaults faults,
            MySqlDatabase db) throws SQLException {
        MySqlDatabase standby = faults.standby();
        try (Connection warm = Through.connect(faults, driver, PATIENT_READS); Statement s = warm.createStatement()) {
            db.server().setReadOnly(true);
            faults.routeTo(standby.server());
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO audit (what) VALUES ('x')"));
            assertEquals(1290, refused.getErrorCode(), Through.describe(refused));
            assertTrue(warm.isValid(5), "the demoted writer keeps the session open");
            try (Connection fresh = Through.connect(faults, driver, PATIENT_READS); Statement w = fresh.createStatement()) {
                assertEquals(1, w.executeUpdate("INSERT INTO audit (what) VALUES ('after failover')"));
                assertEquals(0, Through.single(fresh, "SELECT @@read_only"));
            }
        } finally {
            db.server().setReadOnly(false);
        }
    }

    @Test
    void theStandbyHoldsTheSameDatabaseUserAndInitScriptsOnAServerOfItsOwn(NetworkFaults faults, MySqlDatabase db) throws SQLException {
        MySqlDatabase standby = faults.standby();
        assertSame(standby, faults.standby(), "one standby per class");
        assertEquals(db.name(), standby.name());
        assertEquals(db.user(), standby.user());
        assertEquals(db.password(), standby.password());
        assertTrue(standby.server().isDedicated());
        assertNotEquals(db.server().port(), standby.server().port());
        assertEquals(List.of("Ada", "Grace"), MySqlExtensionTest.strings(standby.dataSource(), "SELECT name FROM customer ORDER BY id"));
    }
}
