package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlessmysql.test.DatabaseUser;
import dev.serverlessmysql.test.MySqlDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Helpers for the database tests. The driver under test comes from the {@code serverlessmysql.driver} system
 * property: {@code mysql} (MySQL Connector/J) or {@code mariadb} (MariaDB Connector/J); surefire runs the suite once
 * with each.
 */
final class TestDb {

    private TestDb() {
    }

    static String driver() {
        return System.getProperty("serverlessmysql.driver", "mysql");
    }

    static String url(MySqlDatabase db) {
        return db.jdbcUrl(driver());
    }

    /** A builder for the class's non-privileged user, with quick retries so that failing tests fail fast. */
    static ServerlessMysqlBuilder client(MySqlDatabase db) {
        return ServerlessMysql.builder().jdbcUrl(url(db)).user(db.user()).password(db.password());
    }

    /** A raw JDBC connection as the class's user, through the driver under test. */
    static Connection raw(MySqlDatabase db) throws SQLException {
        return DriverManager.getConnection(url(db), db.user(), db.password());
    }

    /** A raw JDBC connection as another user. */
    static Connection raw(MySqlDatabase db, DatabaseUser user) throws SQLException {
        return DriverManager.getConnection(url(db), user.name(), user.password());
    }

    /**
     * Opens up to {@code n} raw connections as the class's user; stops quietly when the server refuses more. It first
     * awaits the end of the user's other sessions: a session an earlier test closed can still hold its slot when the
     * server refuses, and free it moments later, which would let the code under test connect to a server the test
     * believes is full.
     */
    static List<Connection> fill(MySqlDatabase db, int n) {
        List<Connection> out = new ArrayList<>();
        try {
            out.add(raw(db));
        } catch (SQLException e) {
            return out;
        }
        await("the end of the class user's other sessions", Duration.ofSeconds(10), () -> otherSessions(out.get(0)) == 0);
        while (out.size() < n) {
            try {
                out.add(raw(db));
            } catch (SQLException e) {
                break;
            }
        }
        return out;
    }

    /** The sessions of this connection's user other than its own, as the server lists them. */
    private static long otherSessions(Connection c) {
        // information_schema.PROCESSLIST on MySQL 8 and MariaDB alike; a user without PROCESS sees only its own
        // sessions, and the USER filter makes it so for one with PROCESS too
        String sql = "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                + " WHERE ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(USER(), '@', 1)";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the user's sessions", e);
        }
    }

    static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // best effort
            }
        }
        connections.clear();
    }

    /** The server's id of the client's session. */
    static long connectionId(ServerlessMysql client) {
        return ((Number) client.query("SELECT CONNECTION_ID() AS id").get(0).get("id")).longValue();
    }

    /**
     * The client session's isolation level, such as {@code REPEATABLE-READ}: MySQL 8 and MariaDB 11.1+ call the variable
     * transaction_isolation, MariaDB 10.x only tx_isolation (1193, unknown system variable, for the other name).
     */
    static String isolationLevel(ServerlessMysql client) {
        try {
            return String.valueOf(client.query("SELECT @@transaction_isolation AS i").get(0).get("i"));
        } catch (ServerlessMysqlException e) {
            if (e.getErrorCode() != 1193) {
                throw e;
            }
            return String.valueOf(client.query("SELECT @@tx_isolation AS i").get(0).get("i"));
        }
    }

    static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Kills a session as the administrator, and waits until it is gone from the process list. */
    static void kill(MySqlDatabase db, long id) throws SQLException {
        try (Connection admin = db.adminDataSource().getConnection(); Statement s = admin.createStatement()) {
            s.execute("KILL " + id);
        }
        await("session " + id + " gone", Duration.ofSeconds(10), () -> !sessionExists(db, id));
    }

    /** The id of the one session {@code user} has open, read as the administrator. */
    static long connectionIdAsAdmin(MySqlDatabase db, String user) {
        try (Connection admin = db.adminDataSource().getConnection();
             var ps = admin.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(user + " has no session");
                }
                long id = rs.getLong(1);
                if (rs.next()) {
                    throw new IllegalStateException(user + " has more than one session");
                }
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sessionExists(MySqlDatabase db, long id) {
        try (Connection admin = db.adminDataSource().getConnection();
             var ps = admin.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sessions of {@code user} as the administrator sees them. */
    static int sessions(MySqlDatabase db, String user) {
        return db.server().sessionCount(user);
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * (Re)creates the procedure {@code fake_deadlock()} in the class database: it raises the server's own deadlock
     * error on demand, with the same vendor code (1213) and SQLState (40001) as a real one.
     */
    static void createFakeDeadlock(MySqlDatabase db) throws SQLException {
        String t = "`" + db.name() + "`.";
        admin(db, "DROP PROCEDURE IF EXISTS " + t + "fake_deadlock");
        admin(db, "CREATE PROCEDURE " + t + "fake_deadlock() SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,"
                + " MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'");
    }

    static void admin(MySqlDatabase db, String sql) throws SQLException {
        try (Connection c = db.adminDataSource().getConnection()) {
            exec(c, sql);
        }
    }

    static long count(MySqlDatabase db, String table) throws SQLException {
        try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db.name() + "`." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("Timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }
}
