package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Begins a transaction, runs the callback, commits; rolls back on any exception. The connection is pinned for the
 * whole callback, so a lost connection fails the transaction instead of carrying on in autocommit. A deadlock or
 * lock-wait timeout re-runs the whole callback, and only when the caller opted in.
 */
final class TransactionRunner {

    private final ReentrantLock lock;
    private final Session session;
    private final Statements statements;
    private final StatementRunner runner;
    private final Settings settings;
    private final Connector connector;
    private final Events events;
    private final Counters counters;

    TransactionRunner(ReentrantLock lock, Session session, Statements statements, StatementRunner runner,
            Settings settings, Connector connector, Events events, Counters counters) {
        this.lock = lock;
        this.session = session;
        this.statements = statements;
        this.runner = runner;
        this.settings = settings;
        this.connector = connector;
        this.events = events;
        this.counters = counters;
    }

    <T> T run(TransactionOptions options, TransactionCallback<T> callback) {
        if (options == null || callback == null) {
            throw new IllegalArgumentException("transaction options and callback must not be null");
        }
        lock.lock();
        try {
            if (session.pinned()) {
                throw new IllegalStateException("transaction() was called inside a transaction callback;"
                        + " run the statements through the Transaction the callback was given");
            }
            if (session.inManualTransaction()) {
                throw new IllegalStateException("transaction() was called while a transaction begun with"
                        + " START TRANSACTION or autocommit off is open; finish it first");
            }
            long start = System.nanoTime();
            int attempt = 0;
            Duration previous = Duration.ZERO;
            Deadline deadline = null;
            while (true) {
                try {
                    return once(options, callback);
                } catch (RetryableTransactionFailure failure) {
                    attempt++;
                    if (attempt > options.deadlockRetries()) {
                        throw failure.error;
                    }
                    Duration delay = connector.delay(attempt, previous);
                    long now = System.nanoTime();
                    if (deadline == null) {
                        deadline = Deadline.of(start, settings.retryDeadline(), session.invocationEnd(now));
                    }
                    if (!deadline.allows(delay, now)) {
                        throw failure.error;
                    }
                    previous = delay;
                    counters.queryRetries.incrementAndGet();
                    SQLException cause = failure.error.getSQLException();
                    events.queryRetry(cause != null ? cause : new SQLException(failure.error.getMessage()), attempt, delay);
                    Connector.sleep(delay);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private <T> T once(TransactionOptions options, TransactionCallback<T> callback) {
        Connection c = begin(options);
        TxHandle tx = new TxHandle(c, session, statements, runner, lock);
        boolean committing = false;
        try {
            T result = callback.run(tx);
            tx.finish();
            if (session.isLostWhilePinned()) {
                throw session.lostInTransaction(null);
            }
            if (session.rolledBackWhilePinned()) {
                throw new ServerlessMysqlException("The server rolled this transaction back after a deadlock, but the"
                        + " callback went on and returned normally; nothing was committed",
                        new SQLException("Deadlock found; transaction rolled back", "40001", SqlErrors.DEADLOCK));
            }
            committing = true;
            c.commit();
            restoreAutoCommit(c);
            return result;
        } catch (Throwable t) {
            tx.finish();
            throw failed(c, t, committing);
        } finally {
            session.unpin();
        }
    }

    /**
     * Begins the transaction and pins its connection. A connection found dead while beginning is replaced once:
     * nothing of the transaction has run yet, so this is safe, and the caller never sees the dead connection.
     */
    private Connection begin(TransactionOptions options) {
        String set = options.setTransactionSql();
        for (int tries = 0;; tries++) {
            Connection c = tries == 0 ? session.acquireRetrySafe(System.nanoTime()) : session.acquire(System.nanoTime());
            try {
                c.setAutoCommit(false);
                if (set != null) {
                    try (Statement st = c.createStatement()) {
                        st.execute(set);
                    }
                }
                session.pin();
                return c;
            } catch (SQLException e) {
                if (SqlErrors.isConnectionLost(e, c)) {
                    session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                    if (tries == 0) {
                        counters.queryRetries.incrementAndGet();
                        events.queryRetry(e, 1, Duration.ZERO);
                        continue;
                    }
                } else {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException ignored) {
                        session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                    }
                }
                throw runner.failed(e, set != null ? set : "BEGIN", " (while beginning the transaction)");
            }
        }
    }

    private RuntimeException failed(Connection c, Throwable t, boolean committing) {
        SQLException sql = t instanceof SQLException ? (SQLException) t
                : t instanceof ServerlessMysqlException ? ((ServerlessMysqlException) t).getSQLException() : null;
        boolean lost = session.isLostWhilePinned() || t instanceof ConnectionLostException
                || (t instanceof SQLException && SqlErrors.isConnectionLost((SQLException) t, c));
        if (lost) {
            if (session.current() == c) {
                session.lostWhilePinned();
            }
            if (committing) {
                return new ConnectionLostException("The connection was lost while committing the transaction; it may"
                        + " or may not have been committed" + (sql == null ? "" : ": " + sql.getMessage()
                        + SqlErrors.codes(sql)), sql, true);
            }
            return t instanceof ConnectionLostException ? (ConnectionLostException) t : session.lostInTransaction(sql);
        }
        rollback(c);
        RuntimeException error = asRuntime(t, sql);
        if (error instanceof ServerlessMysqlException && SqlErrors.isDeadlock(SqlErrors.codeOf(error))) {
            return new RetryableTransactionFailure((ServerlessMysqlException) error);
        }
        return error;
    }

    private void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
            session.used(System.nanoTime());
        } catch (SQLException e) {
            session.discard(ServerlessMysqlListener.CloseReason.DEAD);
        }
    }

    private void rollback(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (SqlErrors.isConnectionLost(e, c)) {
                session.lostWhilePinned();
            } else {
                events.log(System.Logger.Level.WARNING, "rollback failed: " + e.getMessage() + SqlErrors.codes(e), null);
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            }
        }
    }

    private RuntimeException asRuntime(Throwable t, SQLException sql) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (sql != null) {
            return new ServerlessMysqlException("Transaction rolled back: " + Redact.secret(sql.getMessage(),
                    session.lastPassword()) + SqlErrors.codes(sql), sql);
        }
        return new ServerlessMysqlException("Transaction rolled back: the callback threw " + t, t);
    }

    /** Carries a deadlock out of one attempt to the retry loop; never reaches the caller. */
    private static final class RetryableTransactionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ServerlessMysqlException error;

        RetryableTransactionFailure(ServerlessMysqlException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
