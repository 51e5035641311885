package dev.serverlessmysql.test;

import dev.serverlessmysql.test.engine.RunningServer;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A database name a class asks for with {@code @MySqlTest(database = "dblambda")}, held on a shared server for as
 * long as the class runs. Two classes that ask for the same name never have it at the same time: the second waits
 * until the first has dropped it. Within one JVM, JUnit 5.12+ schedules them apart ({@link DatabaseLocks}); across
 * JVMs (surefire forks against one external server) and on older JUnit, a server-side named lock ({@code GET_LOCK},
 * held by a session of its own) makes the second wait. A {@code @Nested} class that asks for its enclosing class's
 * name fails at once, since the enclosing database stays open while it runs; and a database of that name that exists
 * while nobody holds the lock (not a test database, or one a killed run left behind) fails the class rather than
 * being dropped: the test support drops only what it created.
 */
final class DatabaseName implements AutoCloseable {

    /** The MySQL limit is 64; the per-method template adds {@code _tpl}. */
    static final int MAX_LENGTH = 60;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_$]+");
    private static final Set<String> SYSTEM = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final int WAIT_SECONDS = 30 * 60;
    /** Names held in this JVM, by server and name, with the class that holds each. */
    private static final Map<String, Class<?>> HELD = new ConcurrentHashMap<>();

    private final String name;
    private final String key;
    private final Class<?> owner;
    private final Connection session;

    private DatabaseName(String name, String key, Class<?> owner, Connection session) {
        this.name = name;
        this.key = key;
        this.owner = owner;
        this.session = session;
    }

    /**
     * Checks {@code name} and waits until {@code testClass} alone may create it on {@code server}.
     *
     * @throws TestDatabaseException for a name MySQL would not take unquoted, one an enclosing class holds, or after
     *     waiting half an hour for another holder
     */
    static DatabaseName claim(MySqlServer server, String name, Class<?> testClass) {
        validate(name, testClass);
        String key = server.process().jdbcUrl("") + " " + name.toLowerCase(Locale.ROOT);
        // a @Nested class is an inner class, run while every enclosing instance's class is open
        for (Class<?> inner = testClass; isInner(inner); inner = inner.getEnclosingClass()) {
            Class<?> outer = inner.getEnclosingClass();
            if (HELD.get(key) == outer) {
                throw new TestDatabaseException("@MySqlTest(database = \"" + name + "\") on " + testClass.getName()
                        + " asks for the database of its enclosing class " + outer.getName() + ", which stays open while"
                        + " its @Nested classes run. Leave out @MySqlTest on the nested class to use the enclosing"
                        + " class's database, or give it another name.");
            }
        }
        Connection session = null;
        try {
            RunningServer p = server.process();
            session = DriverManager.getConnection(p.jdbcUrl(""), p.adminUser(), p.adminPassword());
            if (!acquire(session, lockName(name))) {
                throw new TestDatabaseException("@MySqlTest(database = \"" + name + "\") on " + testClass.getName() + " waited "
                        + WAIT_SECONDS / 60 + " minutes for another test class (in this JVM or another one using " + server
                        + ") to finish with the database " + name + ". Give one of them another name.");
            }
            HELD.put(key, testClass);
            return new DatabaseName(name, key, testClass, session);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new TestDatabaseException("Could not claim the database name " + name + " for " + testClass.getName()
                    + " on " + server + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + ", vendor code "
                    + e.getErrorCode() + "]", e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** The name, as the class asked for it. */
    String name() {
        return name;
    }

    /**
     * The failure for a database of this name that already exists although this class holds the name: nobody else's
     * test is using it, so it is not a test database of this run.
     */
    TestDatabaseException alreadyExists(MySqlServer server, String existing) {
        return new TestDatabaseException("@MySqlTest(database = \"" + name + "\") on " + owner.getName()
                + ": a database named " + existing + " already exists on " + server + " and no running test holds it. It is"
                + " not a test database, or a run that was killed left it behind; the test support only drops databases it"
                + " created. Drop it yourself (DROP DATABASE `" + existing + "`) or give the class another name.");
    }

    /** Releases the name; the class's database must be dropped first. */
    @Override
    public void close() {
        HELD.remove(key, owner);
        // closing the session releases its named lock, also when the server is no longer reachable
        closeQuietly(session);
    }

    /**
     * Checks that the test support can create {@code name} and SQL can name it unquoted.
     *
     * @throws TestDatabaseException naming what is wrong with it
     */
    static void validate(String name, Class<?> testClass) {
        String problem = null;
        if (!VALID.matcher(name).matches()) {
            problem = "use letters, digits, '_' and '$' only, so that SQL can name it unquoted";
        } else if (name.chars().allMatch(Character::isDigit)) {
            problem = "a name of digits only must be quoted in SQL";
        } else if (name.length() > MAX_LENGTH) {
            problem = "use at most " + MAX_LENGTH + " characters (MySQL allows 64, and a database reset per method needs"
                    + " a template named <name>_tpl)";
        } else if (SYSTEM.contains(name.toLowerCase(Locale.ROOT))) {
            problem = "it is a system schema of the server";
        }
        if (problem != null) {
            throw new TestDatabaseException("@MySqlTest(database = \"" + name + "\") on " + testClass.getName()
                    + " is not a database name the test support can create: " + problem + ".");
        }
    }

    private static boolean isInner(Class<?> type) {
        return type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers());
    }

    private static boolean acquire(Connection session, String lock) throws SQLException {
        try (PreparedStatement s = session.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            s.setString(1, lock);
            s.setInt(2, WAIT_SECONDS);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** A lock name the server takes (MySQL allows 64 characters); case-insensitive, as MySQL compares them. */
    static String lockName(String name) {
        String plain = "serverlessmysql.test.db." + name.toLowerCase(Locale.ROOT);
        if (plain.length() <= 64) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "serverlessmysql.test.db#" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void closeQuietly(Connection session) {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // the server may be gone; the lock went with its session
            }
        }
    }
}
