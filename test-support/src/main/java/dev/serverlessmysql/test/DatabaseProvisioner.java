package dev.serverlessmysql.test;

import dev.serverlessmysql.test.engine.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, resets and drops test databases and their non-privileged users on one server. A database that is reset
 * per test method is rebuilt from a captured template in a single round trip, never by re-running the init scripts.
 */
final class DatabaseProvisioner implements AutoCloseable {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private final MySqlServer server;
    private final Map<String, String> resetScripts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> users = new ConcurrentHashMap<>();
    private Connection admin;

    DatabaseProvisioner(MySqlServer server) {
        this.server = server;
    }

    /** A fresh database name for a class named {@code owner}: readable, and random enough never to collide. */
    static String generatedName(String owner) {
        String readable = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "t_" + readable.substring(0, Math.min(readable.length(), 24)) + "_" + random(6).toLowerCase(Locale.ROOT);
    }

    /** The name of the template a database reset per method is copied from. */
    static String templateOf(String database) {
        return database + "_tpl";
    }

    /** Which of {@code names} exist on the server, as the server spells them. */
    synchronized List<String> existing(String... names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            list("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name).forEach(r -> found.add(r[0]));
        }
        releaseIfIdle();
        return found;
    }

    /**
     * Creates the database {@code name} with its own user and runs the init scripts; when {@code resettable}, the
     * scripts fill a template that {@link #reset} copies from.
     */
    synchronized MySqlDatabase create(String name, List<String> initScripts, ClassLoader loader, boolean resettable) {
        String filled = resettable ? templateOf(name) : name;
        execute("CREATE DATABASE `" + filled + "` CHARACTER SET utf8mb4");
        users.put(name, new ArrayList<>());
        try {
            DatabaseUser user = createUser(name);
            for (String script : initScripts) {
                runScript(filled, script, loader);
            }
            if (resettable) {
                resetScripts.put(name, captureTemplate(filled, name));
                reset(name);
            }
            releaseIfIdle();
            return new MySqlDatabase(server, name, user, this);
        } catch (RuntimeException e) {
            // a failed init leaves nothing behind: a class that names its database would otherwise find it next time
            try {
                if (resettable) {
                    resetScripts.putIfAbsent(name, ""); // so that drop() takes the template too
                }
                drop(name);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Creates a database named {@code name} with the existing credentials of {@code user} and runs the init scripts:
     * a copy of another server's class database, for failover tests.
     */
    synchronized MySqlDatabase createCopy(String name, DatabaseUser user, List<String> initScripts, ClassLoader loader) {
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        users.put(name, new ArrayList<>());
        createUser(name, user);
        for (String script : initScripts) {
            runScript(name, script, loader);
        }
        releaseIfIdle();
        return new MySqlDatabase(server, name, user, this);
    }

    /** Creates a user whose only rights are on {@code database}. */
    synchronized DatabaseUser createUser(String database) {
        // generated from an alphabet without quotes, so the literal below cannot be broken out of
        return createUser(database, new DatabaseUser("u_" + random(10).toLowerCase(Locale.ROOT), random(20)));
    }

    private DatabaseUser createUser(String database, DatabaseUser user) {
        execute("CREATE USER '" + user.name() + "'@'%' IDENTIFIED BY '" + user.password() + "'");
        execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user.name() + "'@'%'");
        users.computeIfAbsent(database, k -> new ArrayList<>()).add(user.name());
        releaseIfIdle();
        return user;
    }

    /** Rebuilds {@code database} from its template in one round trip. */
    synchronized void reset(String database) {
        String script = resetScripts.get(database);
        if (script == null) {
            throw new IllegalStateException("Database " + database + " has no template to reset from."
                    + " Ask for one with @MySqlTest(freshDatabasePerMethod = true).");
        }
        killOpenTransactions(database);
        try {
            runReset(script);
        } catch (SQLException e) {
            if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                throw resetFailed(database, e);
            }
            // InnoDB refreshes its transaction list at most every 100 ms, so a transaction the last test left open can
            // be missing from the first look; after the lock wait the list is fresh
            killOpenTransactions(database);
            try {
                runReset(script);
            } catch (SQLException again) {
                throw resetFailed(database, again);
            }
        }
    }

    private void runReset(String script) throws SQLException {
        try (Statement s = admin().createStatement()) {
            s.execute(script);
        }
    }

    private TestDatabaseException resetFailed(String database, SQLException e) {
        return new TestDatabaseException("Could not reset test database " + database + ": " + e.getMessage() + " [SQLState "
                + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]. If a lock wait timed out, a connection from the"
                + " previous test still holds a lock on it: close connections and transactions when a test ends."
                + " Sessions on it now: " + describeSessions(database), e);
    }

    /** Drops {@code database}, its template and its users, after ending whatever sessions those users left open. */
    synchronized void drop(String database) {
        List<String> owners = users.getOrDefault(database, List.of());
        for (String user : owners) {
            killSessions("USER = ?", user);
        }
        execute("DROP DATABASE IF EXISTS `" + database + "`");
        if (resetScripts.remove(database) != null) {
            execute("DROP DATABASE IF EXISTS `" + templateOf(database) + "`");
        }
        for (String user : owners) {
            execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
        users.remove(database);
        releaseIfIdle();
    }

    @Override
    public synchronized void close() {
        for (String database : List.copyOf(users.keySet())) {
            drop(database);
        }
        release();
    }

    /**
     * Closes the admin session unless a database is reset per method: an idle session would hold one of the
     * server's connection slots and skew tests that count them.
     */
    private void releaseIfIdle() {
        if (resetScripts.isEmpty()) {
            release();
        }
    }

    private void release() {
        if (admin != null) {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // the server may already be gone; nothing to release then
            }
            admin = null;
        }
    }

    private void runScript(String database, String resource, ClassLoader loader) {
        String text;
        try (InputStream in = loader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in == null) {
                throw new TestDatabaseException("Init script '" + resource + "' is not on the test classpath. Put it under"
                        + " src/test/resources/" + resource + ", or fix the path in @MySqlTest(init = ...).");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TestDatabaseException("Could not read init script '" + resource + "': " + e, e);
        }
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TestDatabaseException("Init script '" + resource + "', " + e.getMessage());
        }
        execute("USE `" + database + "`");
        for (SqlScript.Statement st : statements) {
            try (Statement s = admin().createStatement()) {
                s.execute(st.sql());
            } catch (SQLException e) {
                throw new TestDatabaseException("Init script '" + resource + "' failed at line " + st.line() + ": "
                        + e.getMessage() + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode()
                        + "]\n  statement: " + SqlScript.abbreviate(st.sql()) + "\n  Fix that statement in " + resource + ".", e);
            }
        }
    }

    /** Reads back what the init scripts built, as one script that rebuilds it under {@code target}'s name. */
    private String captureTemplate(String template, String target) {
        StringBuilder tables = new StringBuilder();
        StringBuilder data = new StringBuilder();
        List<String> later = new ArrayList<>();
        String qualified = "`" + template + "`.";
        String retarget = "`" + target + "`.";
        for (String[] object : list("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", template)) {
            String table = "`" + template + "`.`" + object[0] + "`";
            if ("VIEW".equals(object[1])) {
                later.add(single("SHOW CREATE VIEW " + table, 2).replace(qualified, retarget));
                continue;
            }
            tables.append(single("SHOW CREATE TABLE " + table, 2)).append(";\n");
            if (!list("SELECT 1 FROM " + table + " LIMIT 1").isEmpty()) {
                String columns = String.join(", ", list("SELECT CONCAT('`', COLUMN_NAME, '`') FROM information_schema.COLUMNS WHERE"
                        + " TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION",
                        template, object[0]).stream().map(r -> r[0]).toList());
                data.append("INSERT INTO `").append(object[0]).append("` (").append(columns).append(") SELECT ")
                        .append(columns).append(" FROM ").append(table).append(";\n");
            }
        }
        for (String[] trigger : list("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?", template)) {
            later.add(single("SHOW CREATE TRIGGER `" + template + "`.`" + trigger[0] + "`", 3).replace(qualified, retarget));
        }
        for (String[] routine : list("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?", template)) {
            later.add(single("SHOW CREATE " + routine[1] + " `" + template + "`.`" + routine[0] + "`", 3).replace(qualified, retarget));
        }
        StringBuilder script = new StringBuilder()
                .append("DROP DATABASE IF EXISTS `").append(target).append("`;\n")
                .append("CREATE DATABASE `").append(target).append("` CHARACTER SET utf8mb4;\n")
                .append("USE `").append(target).append("`;\n")
                .append("SET FOREIGN_KEY_CHECKS = 0;\n")
                .append(tables).append(data);
        later.forEach(ddl -> script.append(ddl).append(";\n"));
        return script.append("SET FOREIGN_KEY_CHECKS = 1").toString();
    }

    private void killOpenTransactions(String database) {
        List<String> owners = users.getOrDefault(database, List.of());
        for (String user : owners) {
            killSessions("USER = ? AND ID IN (SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX)", user);
        }
    }

    private void killSessions(String where, String user) {
        for (String[] row : list("SELECT ID FROM information_schema.PROCESSLIST WHERE " + where, user)) {
            try (Statement s = admin().createStatement()) {
                s.execute("KILL " + Long.parseLong(row[0]));
            } catch (SQLException e) {
                // 1094 (unknown thread): the session ended by itself meanwhile, which is what we wanted
                if (e.getErrorCode() != 1094) {
                    throw new TestDatabaseException("Could not end session " + row[0] + " of " + user + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private String describeSessions(String database) {
        return list("SELECT ID, USER, COMMAND, TIME, STATE, LEFT(INFO, 80) FROM information_schema.PROCESSLIST"
                + " WHERE DB IN (?, ?) AND ID <> CONNECTION_ID()", database, templateOf(database))
                .stream().map(java.util.Arrays::toString).toList().toString();
    }

    private void execute(String sql) {
        try (Statement s = admin().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new TestDatabaseException("Test database setup failed on " + server + ": " + e.getMessage()
                    + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]", e);
        }
    }

    private String single(String sql, int column) {
        try (Statement s = admin().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        } catch (SQLException e) {
            throw new TestDatabaseException("Could not read back the template (" + sql + "): " + e.getMessage(), e);
        }
    }

    private List<String[]> list(String sql, String... params) {
        try (PreparedStatement ps = admin().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<String[]> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new TestDatabaseException("Test database query failed on " + server + " (" + sql + "): " + e.getMessage()
                    + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]", e);
        }
    }

    /** One admin session for all provisioning, so that a per-method reset costs no connect. */
    private Connection admin() throws SQLException {
        if (admin == null || !admin.isValid(2)) {
            RunningServer p = server.process();
            String url = p.jdbcUrl("");
            admin = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "allowMultiQueries=true",
                    p.adminUser(), p.adminPassword());
            try (Statement s = admin.createStatement()) {
                // a lock left by the previous test must fail the reset with a message, not hang the build
                s.execute("SET SESSION lock_wait_timeout = 1");
            }
        }
        return admin;
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
