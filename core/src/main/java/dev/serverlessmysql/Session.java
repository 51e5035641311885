package dev.serverlessmysql;

import dev.serverlessmysql.ServerlessMysqlListener.CloseReason;
import java.sql.SQLException;

/**
 * The client's one connection and the state of the client's own transaction on it. Every method runs under the
 * client's lock.
 *
 * <p>Statements take the connection from {@link #acquire(long, int)}. It connects lazily and, before handing out a
 * connection that may have died while idle (idle past {@code validateAfterIdle}, first use after {@code end()} unless it
 * proved alive within {@code aliveBypassWindow}, after a restore; idleness on both clocks, see {@link Idleness}), pings
 * it, unless the statement can safely be re-run on a new connection if it turns out dead. A
 * connection with an open transaction is never replaced silently (the rest of that transaction would run in
 * autocommit), and a connection pinned by a transaction callback is never checked or replaced: losing it fails the
 * transaction.
 */
final class Session {

    private final Connector connector;
    private final Events events;
    private final Counters counters;
    private final TimeBudget budget;
    private final long idleNanos;
    private final long bypassNanos;
    private final boolean validateAfterEnd;
    private final Idleness idleness = new Idleness(System::currentTimeMillis);

    private ServerConnection conn;
    private boolean validateNext;
    private boolean checkAfterEnd;
    private boolean pinned;
    private boolean lostWhilePinned;
    private Failure doomedBy;
    private boolean wroteWhilePinned;
    private boolean closedForGood;

    Session(Settings settings, Connector connector, Events events, Counters counters, TimeBudget budget) {
        this.connector = connector;
        this.events = events;
        this.counters = counters;
        this.budget = budget;
        this.idleNanos = settings.validateAfterIdle().toNanos();
        this.bypassNanos = settings.aliveBypassWindow().toNanos();
        this.validateAfterEnd = settings.validateAfterEnd();
    }

    /**
     * The connection for a statement with the given {@link Sql#traits(String) traits}, with its network timeout set
     * for the invocation's time left. {@code rerunSafe}: the caller starts over on a new connection if this one turns
     * out dead (a re-runnable read, the beginning of a transaction), so a suspect connection is not pinged first.
     */
    ServerConnection acquire(long now, boolean rerunSafe) {
        ServerConnection c = conn;
        if (c == null || validateNext || pinned || suspect(now)) {
            c = slowAcquire(c, now, rerunSafe);
        }
        // the first statement after end() found the connection proven alive moments ago: no ping needed
        checkAfterEnd = false;
        timeout(c, now);
        return c;
    }

    /**
     * Idle too long to trust without a ping: past {@code validateAfterIdle}, or, first thing after {@code end()}, past
     * {@code aliveBypassWindow} (HikariCP's aliveBypassWindowMs), on either clock. A connection used that recently
     * cannot have been reaped as a zombie, which needs {@code zombieMinTimeout} of server-side idleness.
     */
    private boolean suspect(long now) {
        long idle = idleness.idleNanos(now);
        return idle >= idleNanos || (checkAfterEnd && idle >= bypassNanos);
    }

    private ServerConnection slowAcquire(ServerConnection c, long now, boolean rerunSafe) {
        if (closedForGood) {
            throw new IllegalStateException("This ServerlessMysql client was closed by quit(); build a new one");
        }
        if (pinned) {
            if (c == null || lostWhilePinned) {
                throw lostInTransaction(null, false);
            }
            return c;
        }
        if (c != null) {
            boolean inTransaction = c.inTransaction();
            if (rerunSafe && !inTransaction && !c.sessionChanged()) {
                validateNext = false;
                return c;
            }
            if (isAlive(c, now)) {
                validateNext = false;
                idleness.provenAlive(System.nanoTime());
                return c;
            }
            discard(CloseReason.DEAD);
            if (inTransaction) {
                throw new ConnectionLostException("The connection died while a transaction begun by a statement"
                        + " (START TRANSACTION, BEGIN, a procedure, autocommit off) was open. The server rolled it"
                        + " back" + (c.committedInTransaction() ? " after a statement had committed part of it"
                        + " implicitly" : "; nothing of it was committed") + ". The client does not reconnect silently,"
                        + " so that the rest of that transaction cannot run in autocommit; the next call connects again.",
                        new SQLException("The connection failed its validity check", "08003"),
                        c.committedInTransaction());
            }
        }
        ServerConnection fresh = new ServerConnection(connector.connect(now));
        conn = fresh;
        validateNext = false;
        idleness.provenAlive(System.nanoTime());
        events.connect(fresh.jdbc());
        return fresh;
    }

    private boolean isAlive(ServerConnection c, long now) {
        int ms = budget.networkTimeoutMillis(now);
        return ms > 0 && c.isAlive(ms);
    }

    /** Sets the statement's network timeout; with no time left, refuses to send anything. */
    private void timeout(ServerConnection c, long now) {
        int ms = budget.networkTimeoutMillis(now);
        if (ms == 0) {
            throw new ServerlessMysqlException("The invocation's remaining time (less remainingTimeMargin) has run out;"
                    + " nothing was sent", new SQLException("No time left for the statement", "HYT00"));
        }
        try {
            c.networkTimeout(ms);
        } catch (SQLException e) {
            // the connection is closed: the statement finds out and reports it
        }
    }

    /** The current connection, or null; never connects. */
    ServerConnection current() {
        return conn;
    }

    /** Records that a statement finished on the connection. */
    void used(long now) {
        idleness.provenAlive(now);
    }

    /** Pins the connection to a transaction callback: it is neither checked nor replaced until {@link #unpin()}. */
    void pin() {
        pinned = true;
        lostWhilePinned = false;
        doomedBy = null;
        wroteWhilePinned = false;
        conn.transactionBegun();
    }

    void unpin() {
        pinned = false;
        lostWhilePinned = false;
        doomedBy = null;
        wroteWhilePinned = false;
    }

    boolean pinned() {
        return pinned;
    }

    /**
     * The server refused or rolled back the pinned transaction (a deadlock, a read-only server): no further
     * statement may run in it and it must not commit.
     */
    void doom(Failure failure) {
        if (pinned && doomedBy == null) {
            doomedBy = failure;
        }
    }

    /** Why the pinned transaction can no longer commit, or null. */
    Failure doomedBy() {
        return doomedBy;
    }

    /** A statement that may have written ran in the pinned transaction. */
    void wrote() {
        wroteWhilePinned = true;
    }

    boolean wroteWhilePinned() {
        return wroteWhilePinned;
    }

    /** The pinned connection died: closes it; the transaction fails and the next call reconnects. */
    void lostWhilePinned() {
        lostWhilePinned = true;
        discard(CloseReason.DEAD);
    }

    boolean isLostWhilePinned() {
        return lostWhilePinned;
    }

    /**
     * The error for a transaction whose connection was lost: nothing was committed, unless a statement had committed
     * part of it implicitly or the loss may have hit a statement that commits.
     */
    ConnectionLostException lostInTransaction(SQLException cause, boolean outcomeUnknown) {
        return new ConnectionLostException("The connection was lost during the transaction. " + (outcomeUnknown
                ? "A statement of it commits implicitly (DDL, TRUNCATE, LOCK TABLES and the like), so part or all of"
                        + " it may have been committed"
                : "The server rolls back uncommitted work when a connection drops, so nothing of this transaction was"
                        + " committed") + "; the client never continues a transaction on a new connection."
                + (cause == null ? "" : " Cause: " + cause.getMessage() + SqlErrors.codes(cause)),
                cause != null ? cause : new SQLException("Connection lost during the transaction", "08003"),
                outcomeUnknown);
    }

    /** Closes the connection, if any, and reports why; the next statement connects again. */
    void discard(CloseReason reason) {
        ServerConnection c = conn;
        conn = null;
        if (c == null) {
            return;
        }
        if (reason == CloseReason.DEAD) {
            counters.reconnects.incrementAndGet();
        }
        c.close(reason == CloseReason.DEAD);
        events.close(reason);
    }

    /**
     * After {@code end()}: when so configured, the next statement pings first unless the connection proved alive
     * within {@code aliveBypassWindow}.
     */
    void ended() {
        checkAfterEnd = validateAfterEnd;
    }

    /** After a SnapStart restore: whatever connection exists is suspect. */
    void restored() {
        validateNext = true;
        idleness.provenAlive(System.nanoTime());
    }

    void closeForGood() {
        closedForGood = true;
    }

    boolean closedForGood() {
        return closedForGood;
    }

    String lastPassword() {
        return connector.lastPassword();
    }
}
