package dev.serverlessmysql;

import dev.serverlessmysql.ServerlessMysqlListener.CloseReason;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The client's one connection and what is known about it. Every method runs under the client's lock.
 *
 * <p>Statements take the connection from {@link #acquire(long)}. It connects lazily and, before handing out a
 * connection that may have died while idle (first use after {@code end()}, idle past the threshold, after a
 * restore), checks it with a ping and replaces it. A connection pinned by a transaction is never checked or
 * replaced: losing it fails the transaction. A transaction the client did not begin (START TRANSACTION, autocommit
 * off) is tracked too, so that a silent reconnect can never drop it.
 */
final class Session {

    private static final int VALIDATION_TIMEOUT_SECONDS = 3;

    private final Connector connector;
    private final Events events;
    private final Counters counters;
    private final long idleNanos;
    private final boolean validateAfterEnd;
    private final long marginNanos;

    private Connection conn;
    private long lastUsedNanos;
    private boolean validateNext;
    private boolean pinned;
    private boolean lostWhilePinned;
    private boolean rolledBackWhilePinned;
    private boolean explicitTx;
    private boolean autocommitOff;
    private boolean closedForGood;
    private IntSupplier remainingMillis;
    private long invocationEndNanos = Long.MAX_VALUE;

    Session(Settings settings, Connector connector, Events events, Counters counters) {
        this.connector = connector;
        this.events = events;
        this.counters = counters;
        this.idleNanos = settings.validateAfterIdle().toNanos();
        this.validateAfterEnd = settings.validateAfterEnd();
        this.marginNanos = settings.remainingTimeMargin().toNanos();
    }

    /** The connection for the next statement: the current one when it is surely alive, otherwise checked or new. */
    Connection acquire(long now) {
        Connection c = conn;
        if (c != null && !validateNext && now - lastUsedNanos < idleNanos) {
            return c;
        }
        return slowAcquire(c, now, null, false);
    }

    /**
     * Like {@link #acquire(long)} for a caller that safely starts over on a new connection when this one turns out
     * dead (beginning a transaction): a suspect connection is not pinged.
     */
    Connection acquireRetrySafe(long now) {
        Connection c = conn;
        if (c != null && !validateNext && now - lastUsedNanos < idleNanos) {
            return c;
        }
        return slowAcquire(c, now, null, true);
    }

    /**
     * Like {@link #acquire(long)} for a query whose text is {@code sql}. A suspect connection (first use after
     * {@code end()}, idle, restored) is pinged before a write; a read-only statement skips the ping, because if the
     * connection turns out dead the statement is re-run once on a new connection, which is safe for a read.
     */
    Connection acquire(long now, String sql) {
        Connection c = conn;
        if (c != null && !validateNext && now - lastUsedNanos < idleNanos) {
            return c;
        }
        return slowAcquire(c, now, sql, false);
    }

    private Connection slowAcquire(Connection c, long now, String sql, boolean retrySafe) {
        if (closedForGood) {
            throw new IllegalStateException("This ServerlessMysql client was closed by quit(); build a new one");
        }
        if (pinned) {
            if (c == null || lostWhilePinned) {
                throw lostInTransaction(null);
            }
            return c;
        }
        if (c != null) {
            if (!inManualTransaction() && (retrySafe || (sql != null && Sql.isReadOnly(sql)))) {
                validateNext = false;
                return c;
            }
            if (isAlive(c)) {
                validateNext = false;
                return c;
            }
            boolean manual = inManualTransaction();
            discard(CloseReason.DEAD);
            if (manual) {
                throw new ConnectionLostException("The connection died while a transaction begun with START TRANSACTION"
                        + " or autocommit off was open. The server rolled it back; nothing of it was committed."
                        + " The client does not reconnect silently, so that the rest of that transaction cannot run in"
                        + " autocommit; the next call connects again.",
                        new SQLException("The connection failed its validity check", "08003"), false);
            }
        }
        Connection fresh = connector.connect(now, invocationEnd(now));
        conn = fresh;
        validateNext = false;
        lastUsedNanos = System.nanoTime();
        events.connect(fresh);
        return fresh;
    }

    private static boolean isAlive(Connection c) {
        try {
            return c.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The current connection, or null; never connects. */
    Connection current() {
        return conn;
    }

    /** Records that a statement finished on the connection. */
    void used(long now) {
        lastUsedNanos = now;
    }

    /** Notes a statement that begins or ends a transaction behind the client's back. */
    void noteStatement(String sql) {
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
                break;
        }
    }

    /** Notes a {@code setAutoCommit} call made through a {@link ServerlessMysql#dataSource()} connection. */
    void noteAutoCommit(boolean autoCommit) {
        autocommitOff = !autoCommit;
        if (autoCommit) {
            explicitTx = false;
        }
    }

    boolean inManualTransaction() {
        return explicitTx || autocommitOff;
    }

    /**
     * Rolls back a transaction left open (by statements, a data source connection or a raw autocommit change) and
     * restores autocommit. Returns a description of what was rolled back, or null when nothing was open.
     */
    String rollbackLeaked() throws SQLException {
        Connection c = conn;
        if (c == null) {
            explicitTx = false;
            autocommitOff = false;
            return null;
        }
        boolean driverSaysOff = !c.getAutoCommit();
        if (!driverSaysOff && !inManualTransaction()) {
            return null;
        }
        String what = driverSaysOff || autocommitOff ? "autocommit was off" : "a START TRANSACTION was not finished";
        if (driverSaysOff) {
            c.rollback();
            c.setAutoCommit(true);
        } else {
            try (Statement st = c.createStatement()) {
                st.execute("ROLLBACK");
                if (autocommitOff) {
                    st.execute("SET autocommit = 1");
                }
            }
        }
        explicitTx = false;
        autocommitOff = false;
        return what;
    }

    /** Pins the connection to a transaction: it is neither checked nor replaced until {@link #unpin()}. */
    void pin() {
        pinned = true;
        lostWhilePinned = false;
        rolledBackWhilePinned = false;
    }

    void unpin() {
        pinned = false;
        lostWhilePinned = false;
        rolledBackWhilePinned = false;
    }

    /**
     * A deadlock was reported: the server rolled back the whole transaction. A pinned transaction must then not
     * commit whatever its callback runs afterwards; a transaction begun by statements is over.
     */
    void serverRolledBack() {
        if (pinned) {
            rolledBackWhilePinned = true;
        } else {
            explicitTx = false;
        }
    }

    boolean rolledBackWhilePinned() {
        return rolledBackWhilePinned;
    }

    boolean pinned() {
        return pinned;
    }

    /** The pinned connection died: closes it; the transaction fails and the next call reconnects. */
    void lostWhilePinned() {
        lostWhilePinned = true;
        discard(CloseReason.DEAD);
    }

    boolean isLostWhilePinned() {
        return lostWhilePinned;
    }

    ConnectionLostException lostInTransaction(SQLException cause) {
        return new ConnectionLostException("The connection was lost during the transaction. The server rolls back"
                + " uncommitted work when a connection drops, so nothing of this transaction was committed; the client"
                + " never continues a transaction on a new connection." + (cause == null ? "" : " Cause: "
                + cause.getMessage() + SqlErrors.codes(cause)),
                cause != null ? cause : new SQLException("Connection lost during the transaction", "08003"), false);
    }

    /** Closes the connection, if any, and reports why; the next statement connects again. */
    void discard(CloseReason reason) {
        Connection c = conn;
        conn = null;
        explicitTx = false;
        autocommitOff = false;
        if (c == null) {
            return;
        }
        if (reason == CloseReason.DEAD) {
            counters.reconnects.incrementAndGet();
            try {
                c.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(c);
            }
        } else {
            closeQuietly(c);
        }
        events.close(reason);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being dropped either way
        }
    }

    /** After {@code end()}: the next statement pings first when so configured; the invocation's time is forgotten. */
    void ended() {
        validateNext = validateAfterEnd;
        remainingMillis = null;
        invocationEndNanos = Long.MAX_VALUE;
    }

    /** After a SnapStart restore: whatever connection exists is suspect. */
    void restored() {
        validateNext = true;
        lastUsedNanos = System.nanoTime();
    }

    void closeForGood() {
        closedForGood = true;
    }

    boolean closedForGood() {
        return closedForGood;
    }

    void remainingTime(IntSupplier supplier) {
        this.remainingMillis = supplier;
        this.invocationEndNanos = Long.MAX_VALUE;
    }

    void remainingTime(Duration remaining, long now) {
        this.remainingMillis = null;
        this.invocationEndNanos = now + remaining.toNanos() - marginNanos;
    }

    /** When the invocation's usable time ends, or {@link Long#MAX_VALUE} when nobody said. */
    long invocationEnd(long now) {
        IntSupplier supplier = remainingMillis;
        if (supplier != null) {
            try {
                return now + supplier.getAsInt() * 1_000_000L - marginNanos;
            } catch (RuntimeException e) {
                return invocationEndNanos;
            }
        }
        return invocationEndNanos;
    }

    String lastPassword() {
        return connector.lastPassword();
    }
}
