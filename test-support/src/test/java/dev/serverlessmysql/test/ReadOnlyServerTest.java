package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.engine.TestSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A dedicated server made read-only the two ways a demoted writer is: at run time, and restarted as a reader. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@MySqlTest(dedicatedServer = true, init = "db/schema.sql")
class ReadOnlyServerTest {

    private static final String WRITE = "INSERT INTO audit (what) VALUES ('write')";
    private static final int OPTION_PREVENTS_STATEMENT = 1290;
    private static final int TABLE_IS_READ_ONLY = 1036;

    @ParameterizedTest
    @MethodSource(Through.DRIVERS)
    void readOnlyAtRunTimeRefusesTheApplicationUsersWritesWith1290AndKeepsItsSessions(String driver, MySqlDatabase db)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(driver), db.user(), db.password()); Statement s = c.createStatement()) {
            db.server().setReadOnly(true);
            try {
                assertTrue(db.server().isReadOnly());
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(WRITE));
                assertEquals(OPTION_PREVENTS_STATEMENT, e.getErrorCode(), e.getMessage());
                assertEquals(1, Through.single(c, "SELECT @@read_only"));
                assertEquals(0, Through.single(c, "SELECT @@innodb_read_only"));
                assertTrue(c.isValid(5), "the session stays open");
            } finally {
                db.server().setReadOnly(false);
            }
            assertFalse(db.server().isReadOnly());
            assertEquals(1, s.executeUpdate(WRITE), "writable again on the same connection");
        }
    }

    @Test
    void restartAsReaderComesBackWithInnodbReadOnlyAsAnAuroraReaderAndKeepsTheRoleAcrossRestarts(MySqlDatabase db)
            throws SQLException {
        MySqlServer server = db.server();
        int port = server.port();
        Connection before = db.dataSource().getConnection();
        server.restartAsReader();
        try {
            assertEquals(port, server.port());
            assertFalse(before.isValid(5), "a restart drops every session");
            before.close();
            assertTrue(server.isReadOnly());
            assertReader(db);
            server.restart();
            assertReader(db);
        } finally {
            server.restartAsWriter();
        }
        assertFalse(server.isReadOnly());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate(WRITE));
            assertEquals(List.of("Ada", "Grace"), MySqlExtensionTest.strings(db.dataSource(), "SELECT name FROM customer ORDER BY id"));
        }
    }

    @Test
    void restartAsReaderRecoversACrashedServerFirst(MySqlDatabase db) throws SQLException {
        MySqlServer server = db.server();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(WRITE);
        }
        server.crash();
        server.restartAsReader();
        try {
            assertReader(db);
        } finally {
            server.restartAsWriter();
        }
        assertFalse(server.isReadOnly());
    }

    @Test
    void theSharedServerCannotBeMadeReadOnly() {
        MySqlServer shared = TestServers.shared(TestSettings.fromSystem());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.setReadOnly(true));
        assertTrue(e.getMessage().contains("@MySqlTest(dedicatedServer = true)"), e.getMessage());
        assertThrows(IllegalStateException.class, shared::restartAsReader);
        assertFalse(shared.isReadOnly());
    }

    private static void assertReader(MySqlDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, Through.single(c, "SELECT @@innodb_read_only"));
            assertEquals(1, Through.single(c, "SELECT @@read_only"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(WRITE));
            assertEquals(OPTION_PREVENTS_STATEMENT, e.getErrorCode(), "the application user hits read_only first: " + e.getMessage());
        }
        try (Connection root = db.adminDataSource().getConnection(); Statement s = root.createStatement()) {
            s.execute("USE `" + db.name() + "`");
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(WRITE));
            // MariaDB 10.11/11.4's InnoDB in read-only mode; a MySQL 8 server runs on the docker engine, which cannot restart
            assertEquals(TABLE_IS_READ_ONLY, e.getErrorCode(), "even root cannot write to InnoDB: " + e.getMessage());
        }
    }
}
