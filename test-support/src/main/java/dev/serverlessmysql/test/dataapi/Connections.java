package dev.serverlessmysql.test.dataapi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * The endpoint's own sessions with the test database, as the database user the secret names. A call outside a
 * transaction borrows an idle session; it goes back reset ({@code COM_RESET_CONNECTION}), so that no session state
 * (user variables, temporary tables, an open transaction, autocommit off) leaks from one call into another, as it
 * never does on the service. A transaction keeps its session until it ends.
 */
final class Connections implements AutoCloseable {

    private static final int MAX_IDLE = 8;
    private static final long PING_AFTER_IDLE_NANOS = 2_000_000_000L;

    /** A session and what the endpoint knows about it. */
    static final class Lease {
        final Connection connection;
        final long connectionId;
        /** MariaDB Connector/J sends COM_RESET_CONNECTION to MariaDB servers only; MySQL sessions are not reused. */
        final boolean resettable;
        private long returnedAt;

        Lease(Connection connection, long connectionId, boolean resettable) {
            this.connection = connection;
            this.connectionId = connectionId;
            this.resettable = resettable;
        }
    }

    private final Supplier<String> url;
    private final String user;
    private final String password;
    private final String defaultDatabase;
    private final org.mariadb.jdbc.Driver driver = new org.mariadb.jdbc.Driver();
    private final ConcurrentLinkedDeque<Lease> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    Connections(Supplier<String> url, String user, String password, String defaultDatabase) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.defaultDatabase = defaultDatabase;
    }

    String defaultDatabase() {
        return defaultDatabase;
    }

    /** An idle session, or a new one; the database is {@code database}, or the secret's default when null. */
    Lease acquire(String database) throws SQLException {
        if (closed) {
            throw ApiError.unavailable("The local Data API is shut down");
        }
        Lease lease;
        while ((lease = idle.pollFirst()) != null) {
            if (System.nanoTime() - lease.returnedAt < PING_AFTER_IDLE_NANOS || lease.connection.isValid(2)) {
                break;
            }
            quietlyClose(lease);
        }
        if (lease == null) {
            lease = open();
        }
        try {
            lease.connection.setCatalog(database == null ? defaultDatabase : database);
        } catch (SQLException e) {
            release(lease);
            throw e;
        }
        return lease;
    }

    private Lease open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("useResetConnection", "true");
        Connection c = driver.connect(url.get(), props);
        if (c == null) {
            throw new SQLException("The MariaDB driver does not accept the test database URL");
        }
        boolean mariadb = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        return new Lease(c, c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId(), mariadb);
    }

    /** Resets the session and keeps it for the next call, or closes it if it is broken or not needed. */
    void release(Lease lease) {
        try {
            if (closed || !lease.resettable || lease.connection.isClosed() || idle.size() >= MAX_IDLE) {
                quietlyClose(lease);
                return;
            }
            lease.connection.unwrap(org.mariadb.jdbc.Connection.class).reset();
            if (!lease.connection.getAutoCommit()) {
                lease.connection.setAutoCommit(true);
            }
            lease.returnedAt = System.nanoTime();
            idle.addFirst(lease);
        } catch (SQLException e) {
            quietlyClose(lease);
        }
        if (closed) {
            closeIdle();
        }
    }

    /** Closes a session for good, for example one whose transaction could not be rolled back. */
    void discard(Lease lease) {
        quietlyClose(lease);
    }

    private static void quietlyClose(Lease lease) {
        try {
            lease.connection.close();
        } catch (SQLException ignored) {
            // a broken session: the server has ended it or will
        }
    }

    private void closeIdle() {
        Lease lease;
        while ((lease = idle.pollFirst()) != null) {
            quietlyClose(lease);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
