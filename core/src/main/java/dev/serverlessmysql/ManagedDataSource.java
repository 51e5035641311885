package dev.serverlessmysql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} view of a client: every connection it hands out is a view of the client's one managed
 * connection (connected, checked and retried as for any statement), and closing it only releases it. Plain JDBC,
 * Spring's JdbcTemplate or jOOQ work on top. While views are open the thread that got them holds the client's lease
 * ({@link Gate}): other threads' statements wait. Views taken while one is open on the same thread share the
 * connection, and only the last one released puts it back as it was when the first was handed out; so closing an
 * inner view never ends the outer one's transaction. A view may be closed on any thread; {@code end()} and
 * {@code quit()} release views still open, on whatever thread, and so does a statement of another thread when the
 * thread holding them has died.
 */
final class ManagedDataSource implements DataSource {

    private final ServerlessMysql client;
    private final Gate gate;
    private final Session session;
    private final StatementRunner runner;
    private final Events events;
    private final Counters counters;
    private final List<ManagedConnection> open = new ArrayList<>();
    private int originalIsolation = -1;
    private Boolean originalReadOnly;
    private String originalCatalog;
    private PrintWriter logWriter;
    private int loginTimeout;

    ManagedDataSource(ServerlessMysql client, Gate gate, Session session, StatementRunner runner, Events events,
            Counters counters) {
        this.client = client;
        this.gate = gate;
        this.session = session;
        this.runner = runner;
        this.events = events;
        this.counters = counters;
    }

    @Override
    public Connection getConnection() throws SQLException {
        gate.enterJdbc("a dataSource() connection");
        try {
            if (session.pinned()) {
                throw new SQLException("dataSource() connections cannot be taken inside a transaction callback;"
                        + " use Transaction.connection()", "25000");
            }
            ServerConnection physical = session.acquire(System.nanoTime(), false);
            if (open.isEmpty()) {
                originalIsolation = -1;
                originalReadOnly = null;
                originalCatalog = null;
            }
            ManagedConnection view = new ManagedConnection(this, physical, session, runner);
            open.add(view);
            gate.lease();
            return view;
        } catch (ServerlessMysqlException e) {
            SQLException original = e.getSQLException();
            throw original != null ? original : new SQLException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), "08003", e);
        } finally {
            gate.exit();
        }
    }

    /** Always refused: the managed connection's credentials are the client's. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The managed connection uses the client's credentials;"
                + " call getConnection() without arguments");
    }

    /** Releases a view, on any thread; the last one puts the connection back. */
    void release(ManagedConnection view) throws SQLException {
        gate.enterIgnoringLease("releasing a dataSource() connection");
        try {
            if (!open.remove(view)) {
                return;
            }
            view.closeStatements();
            if (open.isEmpty()) {
                restore(view.server());
                gate.endLease();
            }
        } finally {
            gate.exit();
        }
    }

    void abort(ManagedConnection view) throws SQLException {
        gate.enterIgnoringLease("aborting a dataSource() connection");
        try {
            if (session.current() == view.server()) {
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            }
            release(view);
        } finally {
            gate.exit();
        }
    }

    /** Releases every view still open, whichever thread holds them. Runs under the lock. */
    void releaseAll() {
        if (open.isEmpty()) {
            return;
        }
        ServerConnection server = open.get(0).server();
        for (ManagedConnection view : open) {
            view.markReleased();
            view.closeStatements();
        }
        open.clear();
        restore(server);
        gate.endLease();
    }

    /**
     * Puts the connection back as it was when the lease began: rolls back a transaction the server says is open,
     * restores isolation level, read-only flag and catalog. A connection that cannot be put back is discarded.
     */
    private void restore(ServerConnection server) {
        if (session.current() != server) {
            return;
        }
        try {
            String leaked = server.rollbackOpen();
            if (leaked != null) {
                counters.transactionsRolledBack.incrementAndGet();
                events.transactionLeak("a dataSource() connection was released with a transaction open (" + leaked
                        + "); it was rolled back");
            }
            Connection c = server.jdbc();
            if (originalIsolation >= 0 && c.getTransactionIsolation() != originalIsolation) {
                c.setTransactionIsolation(originalIsolation);
                server.isolationSet();
            }
            if (originalReadOnly != null && c.isReadOnly() != originalReadOnly) {
                c.setReadOnly(originalReadOnly);
            }
            if (originalCatalog != null && !originalCatalog.equals(c.getCatalog())) {
                c.setCatalog(originalCatalog);
            }
            if (c.isClosed()) {
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            SQLException sql = e instanceof SQLException ? (SQLException) e : null;
            if (sql == null || Failure.ofStatement(sql, server.jdbc()).kind() != Failure.Kind.LOST) {
                events.log(System.Logger.Level.WARNING, "could not put back a released dataSource() connection, so"
                        + " it was closed: " + e.getMessage() + (sql == null ? "" : SqlErrors.codes(sql)), null);
            }
            session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            return;
        }
        session.used(System.nanoTime());
    }

    void rememberIsolation(int level) {
        if (originalIsolation < 0) {
            originalIsolation = level;
        }
    }

    void rememberReadOnly(boolean readOnly) {
        if (originalReadOnly == null) {
            originalReadOnly = readOnly;
        }
    }

    void rememberCatalog(String catalog) {
        if (originalCatalog == null) {
            originalCatalog = catalog;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The client logs through System.Logger 'dev.serverlessmysql'");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(client)) {
            return iface.cast(client);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || iface.isInstance(client);
    }

    @Override
    public String toString() {
        return "ManagedDataSource[" + client + "]";
    }
}
