package dev.serverlessmysql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} view of a client: every connection it hands out is the client's one managed connection
 * (connected, checked and retried as for any statement), and closing it only releases it. Plain JDBC, Spring's
 * JdbcTemplate or jOOQ work on top. A connection must be closed on the thread that got it; until then the client's
 * lock is held, and {@code end()} releases connections still open.
 */
final class ManagedDataSource implements DataSource {

    private final ServerlessMysql client;
    private final ReentrantLock lock;
    private final Session session;
    private final Events events;
    private final Counters counters;
    private final List<ManagedConnection> open = new ArrayList<>();
    private PrintWriter logWriter;
    private int loginTimeout;

    ManagedDataSource(ServerlessMysql client, ReentrantLock lock, Session session, Events events, Counters counters) {
        this.client = client;
        this.lock = lock;
        this.session = session;
        this.events = events;
        this.counters = counters;
    }

    @Override
    public Connection getConnection() throws SQLException {
        lock.lock();
        boolean handedOut = false;
        try {
            if (session.pinned()) {
                throw new SQLException("dataSource() connections cannot be taken inside a transaction callback;"
                        + " use Transaction.connection()", "25000");
            }
            Connection physical = session.acquire(System.nanoTime());
            ManagedConnection view = new ManagedConnection(this, physical);
            open.add(view);
            handedOut = true;
            return view;
        } catch (ServerlessMysqlException e) {
            SQLException original = e.getSQLException();
            throw original != null ? original : new SQLException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), "08003", e);
        } finally {
            if (!handedOut) {
                lock.unlock();
            }
        }
    }

    /** Always refused: the managed connection's credentials are the client's. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The managed connection uses the client's credentials;"
                + " call getConnection() without arguments");
    }

    /** Releases a view: restores it, notes whether its connection died, and gives up the lock it held. */
    void release(ManagedConnection view) throws SQLException {
        if (!lock.isHeldByCurrentThread()) {
            throw new SQLException("A dataSource() connection must be closed by the thread that got it", "08003");
        }
        try {
            Connection physical = view.physical();
            if (session.current() == physical) {
                try {
                    view.restore();
                } catch (SQLException e) {
                    if (!SqlErrors.isConnectionLost(e, physical)) {
                        events.log(System.Logger.Level.WARNING, "could not restore a released dataSource() connection: "
                                + e.getMessage() + SqlErrors.codes(e), null);
                    }
                    session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                }
                if (session.current() == physical && physical.isClosed()) {
                    session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                }
                session.used(System.nanoTime());
            }
        } finally {
            open.remove(view);
            lock.unlock();
        }
    }

    void abort(ManagedConnection view) throws SQLException {
        if (session.current() == view.physical()) {
            session.discard(ServerlessMysqlListener.CloseReason.DEAD);
        }
        release(view);
    }

    /** Releases every view still open; runs under the lock, on the thread holding them. */
    void releaseAll() {
        for (ManagedConnection view : new ArrayList<>(open)) {
            view.markReleased();
            try {
                release(view);
            } catch (SQLException e) {
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            }
        }
    }

    void noteAutoCommit(boolean autoCommit) {
        session.noteAutoCommit(autoCommit);
    }

    void leaked(String detail) {
        counters.transactionsRolledBack.incrementAndGet();
        events.transactionLeak(detail);
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
