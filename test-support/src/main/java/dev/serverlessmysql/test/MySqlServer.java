package dev.serverlessmysql.test;

import dev.serverlessmysql.test.engine.ControllableServer;
import dev.serverlessmysql.test.engine.RunningServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A running MySQL-compatible test server: the JVM-wide shared one, or a dedicated one that a test may reconfigure,
 * stop, crash and restart.
 */
public final class MySqlServer {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final java.time.Duration SESSION_DRAIN_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int READ_ONLY_LOCK_WAIT_SECONDS = 10;

    private final RunningServer process;
    private final boolean dedicated;
    private final DataSource admin;

    MySqlServer(RunningServer process, boolean dedicated) {
        this.process = process;
        this.dedicated = dedicated;
        this.admin = new DriverManagerDataSource(() -> process.jdbcUrl(""), process.adminUser(), process.adminPassword(), true);
    }

    /** Which engine runs this server. */
    public Engine engine() {
        return process.engine();
    }

    /** The server's version string, for example {@code 11.4.5-MariaDB}. */
    public String version() {
        return process.version();
    }

    /** The host name or address clients connect to. */
    public String host() {
        return process.host();
    }

    /** The TCP port clients connect to. */
    public int port() {
        return process.port();
    }

    /** Whether this server belongs to one test class rather than being shared by the JVM. */
    public boolean isDedicated() {
        return dedicated;
    }

    /** A JDBC URL for {@code database} on this server, in the given subprotocol ({@code mysql} or {@code mariadb}). */
    public String jdbcUrl(String subprotocol, String database) {
        return process.jdbcUrl(database).replaceFirst("^jdbc:[a-z]+:", "jdbc:" + subprotocol + ":");
    }

    /** A data source with full administrative rights on the server. */
    public DataSource adminDataSource() {
        return admin;
    }

    /** The number of client sessions open on the server now, not counting the one that asks. */
    public int connectionCount() {
        return Integer.parseInt(queryString("SHOW GLOBAL STATUS LIKE 'Threads_connected'", 2)) - 1;
    }

    /** The number of sessions that {@code user} has open on the server now. */
    public int sessionCount(String user) {
        try (Connection c = admin.getConnection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("count the sessions of " + user, e);
        }
    }

    /**
     * Ends every session of {@code user} and waits until the server has dropped them all, so that the next run starts
     * clean; returns how many sessions were ended.
     */
    public int killSessions(String user) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = admin.getConnection();
             var ps = c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            try (Statement s = c.createStatement()) {
                for (long id : ids) {
                    try {
                        s.execute("KILL " + id);
                    } catch (SQLException e) {
                        // 1094 (unknown thread): the session ended by itself meanwhile, which is what we wanted
                        if (e.getErrorCode() != 1094) {
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("end the sessions of " + user, e);
        }
        long deadline = System.nanoTime() + SESSION_DRAIN_TIMEOUT.toNanos();
        while (sessionCount(user) > 0) {
            if (System.nanoTime() > deadline) {
                throw new TestDatabaseException("Sessions of " + user + " were still open " + SESSION_DRAIN_TIMEOUT.toSeconds()
                        + " s after they were killed on " + this + ".");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestDatabaseException("Interrupted while waiting for the sessions of " + user + " to end", e);
            }
        }
        return ids.size();
    }

    /** The current global value of a server variable, for example {@code max_connections}. */
    public String variable(String name) {
        return queryString("SELECT @@GLOBAL." + checkedName(name), 1);
    }

    /** Sets a global server variable on a dedicated server, for example {@code setGlobal("max_connections", 10)}. */
    public void setGlobal(String name, Object value) {
        requireDedicated("change a global variable");
        Objects.requireNonNull(value, "value");
        // numeric variables refuse a string parameter, so a number (or numeric text) goes in as a checked literal
        String text = value.toString();
        boolean numeric = value instanceof Number || NUMBER.matcher(text).matches();
        if (numeric && !NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a plain number: " + text);
        }
        String sql = "SET GLOBAL " + checkedName(name) + " = " + (numeric ? text : "?");
        try (Connection c = admin.getConnection(); var ps = c.prepareStatement(sql)) {
            if (!numeric) {
                ps.setString(1, text);
            }
            ps.execute();
        } catch (SQLException e) {
            throw failure("set " + name + " = " + value, e);
        }
    }

    /** Whether the server process is up. */
    public boolean isRunning() {
        return process.isRunning();
    }

    /** Shuts a dedicated server down cleanly; its data stays for {@link #start()}. */
    public void stop() {
        controllable("stop the server").stop();
    }

    /** Kills a dedicated server's process without a clean shutdown, as a crash or a failover would. */
    public void crash() {
        controllable("crash the server").kill();
    }

    /** Starts a stopped dedicated server again on the same port and data, and waits until it accepts queries. */
    public void start() {
        controllable("start the server").start();
    }

    /** Stops and starts a dedicated server. */
    public void restart() {
        stop();
        start();
    }

    /**
     * Makes a dedicated server refuse writes at run time ({@code SET GLOBAL read_only}), as a replica or an Aurora
     * reader does, or lets it write again; open sessions stay open, so a client can keep a connection to it (a failover
     * seen through stale DNS). Writes by non-privileged users then fail with 1290 ({@code --read-only}) on MariaDB
     * 10.11/11.4 and MySQL 8 alike; administrative users may still write.
     */
    public void setReadOnly(boolean readOnly) {
        requireDedicated("change read_only");
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            // going read-only waits for sessions that hold table locks or are committing (MySQL 8 also for open write
            // transactions); the default lock_wait_timeout is a year, and a black-holed session must not hang the test
            s.execute("SET SESSION lock_wait_timeout = " + READ_ONLY_LOCK_WAIT_SECONDS);
            s.execute("SET GLOBAL read_only = " + (readOnly ? "ON" : "OFF"));
        } catch (SQLException e) {
            if (e.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                throw new TestDatabaseException("Could not make " + this + " read-only within " + READ_ONLY_LOCK_WAIT_SECONDS
                        + " s: another session holds a lock or an open write transaction. End it first (killSessions(user)), or"
                        + " use restartAsReader(), which drops every session as a demoted Aurora writer does.", e);
            }
            throw failure("set read_only = " + readOnly, e);
        }
    }

    /** Whether the server refuses writes now: {@code @@read_only} or {@code @@innodb_read_only} is on. */
    public boolean isReadOnly() {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.read_only, @@GLOBAL.innodb_read_only")) {
            rs.next();
            return isOn(rs.getString(1)) || isOn(rs.getString(2));
        } catch (SQLException e) {
            throw failure("read read_only", e);
        }
    }

    /**
     * Restarts a dedicated server as a reader, the way an Aurora writer comes back after a failover: every session is
     * dropped, and the server starts with {@code read_only} and {@code innodb_read_only} on ({@code @@innodb_read_only}
     * is 1, as on an Aurora reader). {@code innodb_read_only} is a startup option on every engine, hence the restart.
     * Later {@link #start()}s and {@link #restart()}s keep the role until {@link #restartAsWriter()}. Needs a process
     * engine (embedded or local); the docker engine cannot restart in place.
     */
    public void restartAsReader() {
        ControllableServer server = controllable("restart the server as a reader");
        if (!server.isRunning()) {
            // InnoDB refuses crash recovery in read-only mode ("innodb_read_only prevents crash recovery"): a crashed
            // server first starts writable to recover, and is then stopped cleanly
            server.start();
        }
        // engines differ in what innodb_read_only leaves writable. MariaDB 10.11/11.4 (measured here) keep privileges in
        // Aria tables, so users and empty databases can still be created, while InnoDB writes fail with 1036 (table is
        // read only) and CREATE TABLE with 1005, for root too. MySQL 8 keeps its data dictionary and grant tables in
        // InnoDB, so there every DDL and account change is refused as well (its codes were not measured: the docker
        // engine cannot restart in place). A non-privileged user hits read_only first on every engine: 1290.
        server.restartWith(List.of("read-only", "innodb-read-only"));
    }

    /** Restarts a dedicated server as a writer again, without {@code read_only} and {@code innodb_read_only}. */
    public void restartAsWriter() {
        controllable("restart the server as a writer").restartWith(List.of());
    }

    @Override
    public String toString() {
        return "MySqlServer[" + engine().id() + " " + version() + " at " + host() + ":" + port()
                + (dedicated ? ", dedicated" : ", shared") + "]";
    }

    RunningServer process() {
        return process;
    }

    private ControllableServer controllable(String action) {
        requireDedicated(action);
        if (process instanceof ControllableServer server) {
            return server;
        }
        throw new TestDatabaseException("Cannot " + action + " on " + this + ": only servers that this JVM runs as a process"
                + " of its own (engines embedded and local) can be stopped, crashed and started again; a docker container maps"
                + " a new port on every start, and an external server is not ours to control. Run this test on a process"
                + " engine: -D" + dev.serverlessmysql.test.engine.TestSettings.ENGINE + "=embedded (or local).");
    }

    private void requireDedicated(String action) {
        if (!dedicated) {
            throw new IllegalStateException("Cannot " + action + " on the shared test server, which other test classes use."
                    + " Ask for a server of your own with @MySqlTest(dedicatedServer = true).");
        }
    }

    private String queryString(String sql, int column) {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        } catch (SQLException e) {
            throw failure("run " + sql, e);
        }
    }

    private static boolean isOn(String value) {
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("OFF");
    }

    private static String checkedName(String name) {
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a server variable name: '" + name + "'. Use a plain name such as max_connections.");
        }
        return name;
    }

    private TestDatabaseException failure(String action, SQLException e) {
        return new TestDatabaseException("Could not " + action + " on " + this + ": " + e.getMessage()
                + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]", e);
    }
}
