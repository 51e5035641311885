package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.engine.TestSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@MySqlTest(init = "db/schema.sql", serverVariables = {"max_connections=12", "wait_timeout=17", "max_user_connections=0"})
class DedicatedServerTest {

    @Test
    void appliesTheRequestedServerVariables(MySqlDatabase db) {
        assertTrue(db.server().isDedicated());
        assertEquals("12", db.server().variable("max_connections"));
        assertEquals("17", db.server().variable("wait_timeout"));
    }

    @Test
    void isNotTheSharedServer(MySqlDatabase db) {
        MySqlServer shared = TestServers.shared(TestSettings.fromSystem());
        assertNotEquals(shared.port(), db.server().port());
        assertEquals("151", shared.variable("max_connections"));
    }

    @Test
    void refusesTheApplicationUserOnceMaxConnectionsIsReached(MySqlDatabase db) throws SQLException {
        Await.noSessions(db.server(), db.user());
        List<Connection> held = new ArrayList<>();
        try {
            SQLException refused = null;
            for (int i = 0; i < 20 && refused == null; i++) {
                try {
                    held.add(db.dataSource().getConnection());
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "expected error 1040 within 20 connections");
            assertEquals(1040, refused.getErrorCode(), refused.getMessage());
            assertEquals(12, held.size(), "max_connections=12 must admit exactly 12 sessions of a non-privileged user");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void changesGlobalVariablesAtRunTime(MySqlDatabase db) {
        db.server().setGlobal("max_connections", 14);
        try {
            assertEquals("14", db.server().variable("max_connections"));
        } finally {
            db.server().setGlobal("max_connections", 12);
        }
        db.server().setGlobal("max_connections", "15");
        assertEquals("15", db.server().variable("max_connections"), "numeric text is accepted like a number");
        db.server().setGlobal("default_storage_engine", "InnoDB");
        assertEquals("InnoDB", db.server().variable("default_storage_engine"), "text goes in as a bound parameter");
        db.server().setGlobal("max_connections", 12);
        assertThrows(IllegalArgumentException.class, () -> db.server().setGlobal("max_connections; DROP DATABASE x", 1));
    }

    @Test
    void survivesACrashAndARestartWithItsData(MySqlDatabase db) throws SQLException {
        MySqlServer server = db.server();
        int port = server.port();
        server.crash();
        assertFalse(server.isRunning());
        assertThrows(SQLException.class, () -> db.dataSource().getConnection().close());
        server.start();
        assertEquals(port, server.port());
        assertEquals(List.of("Ada", "Grace"), MySqlExtensionTest.strings(db.dataSource(), "SELECT name FROM customer ORDER BY id"));
        server.restart();
        assertTrue(server.isRunning());
        assertEquals("12", server.variable("max_connections"));
    }

    @Test
    void countsSessionsServerWideAndPerUser(MySqlDatabase db) throws SQLException {
        Await.noSessions(db.server(), db.user());
        int before = db.server().connectionCount();
        try (Connection a = db.dataSource().getConnection(); Connection b = db.dataSource().getConnection()) {
            assertEquals(before + 2, db.server().connectionCount());
            assertEquals(2, db.server().sessionCount(db.user()));
        }
    }

    @Test
    void killsEverySessionOfAUserAndWaitsUntilTheyAreGone(MySqlDatabase db) throws SQLException {
        Await.noSessions(db.server(), db.user());
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(db.dataSource().getConnection());
        }
        try (Connection admin = db.adminDataSource().getConnection()) {
            assertEquals(3, db.server().killSessions(db.user()));
            assertEquals(0, db.server().sessionCount(db.user()));
            assertTrue(admin.isValid(2), "another user's session survives");
            for (Connection c : open) {
                assertFalse(c.isValid(2));
            }
        }
    }
}
