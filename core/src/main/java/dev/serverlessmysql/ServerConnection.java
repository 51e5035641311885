package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * The client's physical connection and what is known about its session. Whether a transaction is open comes from the
 * server's status flags, through the {@link DriverAdapter}; only a driver without them falls back to tracking the SQL
 * text of the statements the client saw. The connection also remembers whether anything changed its session state
 * since it was opened or reset (what {@code end()} must reset), whether a statement of the open transaction committed
 * it implicitly, and the network timeout last set on it. Used only under the client's lock.
 */
final class ServerConnection {

    /** Runs the driver's network-timeout change on the calling thread. */
    private static final Executor DIRECT = Runnable::run;
    /** A network timeout already set may exceed the one needed by this much before it is set again. */
    private static final int TIMEOUT_SLACK_MS = 50;
    /** The longest ping the client waits for when time allows. */
    private static final int PING_SECONDS = 3;

    private final Connection jdbc;
    private final DriverAdapter adapter;
    private final String database;
    private boolean explicitTx;
    private boolean autocommitOff;
    private boolean changed;
    private boolean committedInTransaction;
    private boolean statusUncertain;
    private boolean knownIdle;
    private boolean clientTx;
    private int timeoutMillis = -1;
    private boolean timeoutUnsupported;
    /** The session's isolation level, once read; null until then, or when the server named no known level. */
    private IsolationLevel sessionIsolation;
    /** The server refused to tell the session's level: it is not asked again on this connection. */
    private boolean isolationUnreadable;
    /** The server's name for the session's level, by its version: asked of the driver once per connection. */
    private String isolationReadSql;

    ServerConnection(Connection jdbc) {
        this.jdbc = jdbc;
        this.adapter = DriverAdapter.of(jdbc);
        this.database = catalog(jdbc);
    }

    /** The database the connection was opened on (from the URL), or null. */
    private static String catalog(Connection c) {
        try {
            String name = c.getCatalog();
            return name == null || name.isEmpty() ? null : name;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    Connection jdbc() {
        return jdbc;
    }

    DriverAdapter adapter() {
        return adapter;
    }

    /**
     * Whether a transaction is open or will open with the next statement (autocommit off), as the server last said.
     * After an error that may have left the driver's flags stale, the answer is yes.
     */
    boolean inTransaction() {
        if (statusUncertain) {
            return true;
        }
        if (knownIdle) {
            // known idle since the last error reply, which left the driver's flags stale
            return false;
        }
        int status = adapter.status(jdbc);
        if (status != DriverAdapter.UNKNOWN) {
            return (status & DriverAdapter.IN_TRANSACTION) != 0 || (status & DriverAdapter.AUTOCOMMIT) == 0;
        }
        if (explicitTx || autocommitOff) {
            return true;
        }
        try {
            return !jdbc.getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /** Whether the open transaction's flags come from the server (false: from the SQL text the client saw). */
    boolean serverSaysState() {
        return adapter.status(jdbc) != DriverAdapter.UNKNOWN;
    }

    /**
     * Notes a statement that completed. {@code wasInTransaction} is {@link #inTransaction()} from before it ran.
     */
    void executed(String sql, int traits, boolean wasInTransaction) {
        if ((traits & Sql.CHANGES_SESSION) != 0) {
            changed = true;
        }
        if (!serverSaysState()) {
            track(sql, traits);
        }
        statusUncertain = false;
        knownIdle = false;
        if (wasInTransaction && (traits & Sql.MAY_COMMIT) != 0) {
            committedInTransaction = true;
        }
        if (clientTx && committedInTransaction && !inTransaction()) {
            reopen();
        } else if (committedInTransaction && !inTransaction()) {
            committedInTransaction = false;
        }
    }

    /**
     * A statement of the client's own transaction committed it implicitly (DDL, TRUNCATE and the like): with
     * autocommit on, the rest of the callback would run statement by statement, so a new transaction begins at once,
     * as it would with autocommit off. Its loss or rollback then has an unknown outcome for the part committed.
     */
    private void reopen() {
        committedInTransaction = true;
        try (Statement st = jdbc.createStatement()) {
            st.execute("START TRANSACTION");
            track("START TRANSACTION", 0);
        } catch (SQLException e) {
            // the connection failed: the next statement finds out, and the transaction fails with an unknown outcome
            statusUncertain = true;
        }
    }

    /**
     * Notes a statement that failed on a connection that still works. Error packets carry no status flags (and
     * Connector/J then clears the ones it had), so the flags are stale until the next statement succeeds:
     * {@link #inTransaction()} says yes meanwhile, and {@link #rollbackOpen()} refreshes them. {@code wasInTransaction}
     * is {@link #inTransaction()} from before the statement ran: a plain statement that fails in autocommit cannot
     * have left a transaction open, so the state stays known then; {@code rolledBack}: the server rolled back the
     * whole transaction (a deadlock).
     */
    void failedOn(String sql, int traits, boolean wasInTransaction, boolean rolledBack) {
        if ((traits & Sql.CHANGES_SESSION) != 0) {
            changed = true;
        }
        if (rolledBack) {
            explicitTx = false;
            committedInTransaction = false;
        }
        boolean known = !wasInTransaction && (traits & Sql.MAY_COMMIT) == 0 || rolledBack && !wasInTransaction;
        if (!known) {
            statusUncertain = true;
        }
        knownIdle = known;
        if (clientTx && !rolledBack && (traits & Sql.MAY_COMMIT) != 0) {
            afterFailedImplicitCommit();
        }
    }

    /**
     * A statement that may commit implicitly failed inside the client's own transaction: MySQL commits before it runs
     * such a statement, so the transaction may be over. Any reply brings fresh flags; when they say nothing is open
     * (or cannot be read) the transaction is begun again, its earlier part counted as committed.
     */
    private void afterFailedImplicitCommit() {
        try (Statement st = jdbc.createStatement()) {
            st.execute("DO 1");
            statusUncertain = false;
            knownIdle = false;
            if (!serverSaysState() || !inTransaction()) {
                reopen();
            }
        } catch (SQLException e) {
            statusUncertain = true;
        }
    }

    /** Notes a {@code setAutoCommit} call made through a view. */
    void autoCommitSet(boolean autoCommit) {
        autocommitOff = !autoCommit;
        if (autoCommit) {
            explicitTx = false;
            committedInTransaction = false;
        }
    }

    /** Notes that the session state was changed by a view call the client cannot read (a catalog change, say). */
    void changed() {
        changed = true;
    }

    /**
     * Whether the session's isolation level is {@code level}, so that a transaction asking for it needs no
     * {@code SET TRANSACTION}. The level is read from the server once per connection and kept until a reset. It is not
     * trusted, and this says false without asking, once anything may have changed the session (a {@code SET}): the
     * caller then names its level, as it always may.
     *
     * <p>The driver's {@code getTransactionIsolation()} is not used: both drivers send a {@code SELECT} at every call,
     * and MariaDB Connector/J answers from the level it tracked before a COM_RESET_CONNECTION, which the reset undid.
     */
    boolean sessionIsolationIs(IsolationLevel level) throws SQLException {
        if (changed || isolationUnreadable) {
            return false;
        }
        if (sessionIsolation == null) {
            String sql = isolationReadSql();
            try {
                sessionIsolation = readIsolation(sql);
            } catch (SQLException e) {
                if (Failure.ofStatement(e, jdbc).kind() == Failure.Kind.LOST) {
                    throw e;
                }
                // a server or proxy that will not tell (or knows the variable by another name): the level is sent,
                // as it always may be, and this connection is not asked again
                failedOn(sql, Sql.READ_ONLY, false, false);
                isolationUnreadable = true;
                return false;
            }
        }
        return sessionIsolation == level;
    }

    /** The statement that reads the session's level on this server, named in an error it may cause. */
    String isolationReadSql() throws SQLException {
        if (isolationReadSql == null) {
            isolationReadSql = ServerDialect.isolationSql(jdbc.getMetaData().getDatabaseProductVersion());
        }
        return isolationReadSql;
    }

    /** The session's level as the server says, or null when its answer names no level the client knows. */
    private IsolationLevel readIsolation(String sql) throws SQLException {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            String value = rs.next() ? rs.getString(1) : null;
            for (IsolationLevel l : IsolationLevel.values()) {
                if (l.sql().replace(' ', '-').equalsIgnoreCase(value)) {
                    return l;
                }
            }
            return null;
        }
    }

    /** Notes that a view set the session's isolation level through the driver: the level read before may be wrong. */
    void isolationSet() {
        sessionIsolation = null;
    }

    /** Whether anything since the connect or the last reset may have changed session state. */
    boolean sessionChanged() {
        return changed;
    }

    /** Whether a statement of the open transaction committed it implicitly, so that its loss is no clean rollback. */
    boolean committedInTransaction() {
        return committedInTransaction;
    }

    boolean statusUncertain() {
        return statusUncertain;
    }

    /**
     * No transaction is open and autocommit is on, whatever the driver's flags say: the client just ended its own
     * transaction and switched autocommit back on, or {@code end()} rolled back and then ran only its own reads and
     * KILLs, whose error replies (Connector/J clears its flags on any error packet) cannot open a transaction. Holds
     * until the next statement brings fresh flags.
     */
    void settled() {
        clientTx = false;
        statusUncertain = false;
        knownIdle = true;
        committedInTransaction = false;
    }

    /** A transaction begins on this connection (the client's own): nothing of it committed yet. */
    void transactionBegun() {
        committedInTransaction = false;
        clientTx = true;
    }

    /** The client's own transaction is over (its COMMIT or ROLLBACK is next): nothing is begun again. */
    void transactionEnding() {
        clientTx = false;
    }

    /**
     * Rolls back whatever transaction is open and puts autocommit back on. Returns a description of the transaction
     * that was open, or null when none was: autocommit merely left off is put back silently, and no round trip is
     * made when the server said nothing was open.
     */
    String rollbackOpen() throws SQLException {
        if (statusUncertain && serverSaysState()) {
            // an error left the driver's flags stale: any reply brings fresh ones
            try (Statement st = jdbc.createStatement()) {
                st.execute("DO 1");
            }
            statusUncertain = false;
        }
        if (!inTransaction()) {
            return null;
        }
        int status = adapter.status(jdbc);
        boolean open = status == DriverAdapter.UNKNOWN || (status & DriverAdapter.IN_TRANSACTION) != 0;
        boolean driverSaysOff = !jdbc.getAutoCommit();
        String what = driverSaysOff || autocommitOff ? "autocommit was off" : "a transaction was open";
        if (driverSaysOff) {
            jdbc.rollback();
            jdbc.setAutoCommit(true);
        } else {
            try (Statement st = jdbc.createStatement()) {
                st.execute("ROLLBACK");
                if (autocommitOff || adapterSaysAutocommitOff()) {
                    st.execute("SET autocommit = 1");
                }
            }
        }
        explicitTx = false;
        autocommitOff = false;
        committedInTransaction = false;
        statusUncertain = false;
        knownIdle = false;
        return open ? what : null;
    }

    private boolean adapterSaysAutocommitOff() {
        int status = adapter.status(jdbc);
        return status != DriverAdapter.UNKNOWN && (status & DriverAdapter.AUTOCOMMIT) == 0;
    }

    /**
     * Resets the session with the driver's COM_RESET_CONNECTION call. Returns false when the driver cannot for this
     * server; the caller then closes the connection instead.
     */
    boolean reset() throws SQLException {
        if (!adapter.reset(jdbc)) {
            return false;
        }
        if (database != null) {
            // COM_RESET_CONNECTION keeps the current database: a USE would outlive it
            jdbc.setCatalog(database);
        }
        changed = false;
        explicitTx = false;
        autocommitOff = false;
        committedInTransaction = false;
        statusUncertain = false;
        knownIdle = false;
        timeoutMillis = -1;
        // COM_RESET_CONNECTION puts the session's isolation level back to the server's default
        sessionIsolation = null;
        return true;
    }

    /**
     * Bounds every read on this connection by {@code ms}. A timeout already set is kept while it exceeds the one
     * needed by at most {@value #TIMEOUT_SLACK_MS} ms, which spares a system call per statement.
     */
    void networkTimeout(int ms) throws SQLException {
        if (timeoutUnsupported || (timeoutMillis >= ms && timeoutMillis - ms <= TIMEOUT_SLACK_MS)) {
            return;
        }
        try {
            jdbc.setNetworkTimeout(DIRECT, ms);
            timeoutMillis = ms;
        } catch (SQLFeatureNotSupportedException e) {
            timeoutUnsupported = true;
        }
    }

    /** Whether the connection answers within {@code ms} (at least 1). */
    boolean isAlive(int ms) {
        try {
            if (ms >= 1000) {
                return jdbc.isValid(Math.min(PING_SECONDS, ms / 1000));
            }
            networkTimeout(ms);
            try (Statement st = jdbc.createStatement()) {
                st.execute("DO 1");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the connection; {@code abort} drops it without a word to the server (it may not answer). */
    void close(boolean abort) {
        if (abort) {
            try {
                jdbc.abort(DIRECT);
                return;
            } catch (SQLException | RuntimeException e) {
                // fall through to close
            }
        }
        try {
            jdbc.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being dropped either way
        }
    }

    /** The SQL-text fallback for a driver that reports no status flags. */
    private void track(String sql, int traits) {
        switch (Sql.txEffect(sql)) {
            case BEGIN:
                explicitTx = true;
                break;
            case END:
                explicitTx = false;
                break;
            case AUTOCOMMIT_OFF:
                autocommitOff = true;
                break;
            case AUTOCOMMIT_ON:
                autocommitOff = false;
                explicitTx = false;
                break;
            default:
                if ((traits & Sql.MAY_COMMIT) != 0 && !autocommitOff) {
                    // an implicit commit ends a START TRANSACTION
                    explicitTx = false;
                }
                break;
        }
    }
}
