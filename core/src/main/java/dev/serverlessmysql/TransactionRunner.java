package dev.serverlessmysql;

import dev.serverlessmysql.RetryLoop.Retry;
import dev.serverlessmysql.ServerlessMysqlListener.CloseReason;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Begins a transaction, runs the callback, commits; rolls back on any exception. The connection is pinned for the
 * whole callback, so a lost connection fails the transaction instead of carrying on in autocommit. Whole attempts
 * go through the client's {@link RetryLoop}:
 * <ul>
 *   <li>a connection found dead while beginning: started over once on a new connection (nothing had run);</li>
 *   <li>a deadlock or lock-wait timeout: the whole callback again, only when the caller opted in
 *       ({@link TransactionOptions#retryOnDeadlock(int)});</li>
 *   <li>a read-only server (1290, 1836) before anything of the transaction wrote: the whole callback again on a new
 *       connection, with backoff, since the server refused before executing (a failover in progress).</li>
 * </ul>
 */
final class TransactionRunner {

    private final Gate gate;
    private final Session session;
    private final StatementRunner runner;
    private final Settings settings;
    private final RetryLoop loop;
    private final TimeBudget budget;
    private final Events events;
    private final Counters counters;

    TransactionRunner(Gate gate, Session session, StatementRunner runner, Settings settings, RetryLoop loop,
            TimeBudget budget, Events events, Counters counters) {
        this.gate = gate;
        this.session = session;
        this.runner = runner;
        this.settings = settings;
        this.loop = loop;
        this.budget = budget;
        this.events = events;
        this.counters = counters;
    }

    <T> T run(TransactionOptions options, TransactionCallback<T> callback) {
        if (options == null || callback == null) {
            throw new IllegalArgumentException("transaction options and callback must not be null");
        }
        gate.enter("a transaction");
        try {
            if (session.pinned()) {
                throw new IllegalStateException("transaction() was called inside a transaction callback;"
                        + " run the statements through the Transaction the callback was given");
            }
            ServerConnection open = session.current();
            if (open != null && openByStatements(open)) {
                throw new IllegalStateException("transaction() was called while a transaction begun by a statement"
                        + " (START TRANSACTION, BEGIN, a procedure, autocommit off) is open; finish it first");
            }
            long start = System.nanoTime();
            return loop.run(new Attempts<>(options, callback), budget.deadline(start));
        } finally {
            gate.exit();
        }
    }

    /** Whether the server says a transaction is open; stale flags are refreshed first, at the cost of a round trip. */
    private boolean openByStatements(ServerConnection c) {
        if (!c.inTransaction()) {
            return false;
        }
        if (!c.statusUncertain()) {
            return true;
        }
        try (Statement st = c.jdbc().createStatement()) {
            st.execute("DO 1");
            c.executed("DO 1", 0, false);
            return c.inTransaction();
        } catch (SQLException e) {
            session.discard(CloseReason.DEAD);
            return false;
        }
    }

    /** The attempts of one transaction. */
    private final class Attempts<T> implements RetryLoop.Operation<T> {
        private final TransactionOptions options;
        private final TransactionCallback<T> callback;

        Attempts(TransactionOptions options, TransactionCallback<T> callback) {
            this.options = options;
            this.callback = callback;
        }

        @Override
        public T attempt() throws Retry {
            ServerConnection c = begin();
            TxHandle tx = new TxHandle(c, session, runner, gate);
            boolean committing = false;
            try {
                T result = callback.run(tx);
                tx.finish();
                if (session.isLostWhilePinned()) {
                    throw session.lostInTransaction(null, c.committedInTransaction());
                }
                Failure doomed = session.doomedBy();
                if (doomed != null) {
                    throw new DoomedTransaction(new ServerlessMysqlException((doomed.kind() == Failure.Kind.DEADLOCK
                            ? "The server rolled this transaction back after a deadlock"
                            : "The server refused a write of this transaction: it is read-only, not the writer")
                            + ", but the callback went on and returned normally; nothing was committed",
                            doomed.error()));
                }
                committing = true;
                c.transactionEnding();
                try (Statement st = c.jdbc().createStatement()) {
                    st.execute("COMMIT");
                }
                ended(c, "COMMIT");
                return result;
            } catch (Throwable t) {
                tx.finish();
                throw failed(c, t instanceof DoomedTransaction ? ((DoomedTransaction) t).error : t, committing);
            } finally {
                session.unpin();
            }
        }

        /**
         * Begins the transaction and pins its connection. A connection found dead while beginning asks for one fresh
         * start: nothing of the transaction has run yet, so this is safe, and the caller never sees it.
         */
        private ServerConnection begin() throws Retry {
            // autocommit stays on: START TRANSACTION ... COMMIT costs two round trips, SET autocommit twice more
            IsolationLevel level = options.isolation();
            String start = options.startSql();
            ServerConnection c = session.acquire(System.nanoTime(), true);
            String sent = start;
            try (Statement st = c.jdbc().createStatement()) {
                String set = null;
                if (level != null) {
                    // the session's own level needs no SET TRANSACTION: one round trip fewer
                    sent = c.isolationReadSql();
                    set = c.sessionIsolationIs(level) ? null : options.isolationSql();
                }
                if (set != null) {
                    sent = set;
                    st.execute(set);
                }
                sent = start;
                st.execute(start);
                c.executed(start, Sql.traits(start), false);
                session.pin();
                return c;
            } catch (SQLException e) {
                Failure f = Failure.ofStatement(e, c.jdbc());
                // a SET TRANSACTION may be pending for the next transaction: a connection in doubt is not kept
                session.discard(CloseReason.DEAD);
                if (f.kind() == Failure.Kind.LOST) {
                    throw new Retry(f, true, 1, "one fresh start",
                            runner.failed(e, sent, " (while beginning the transaction)"));
                }
                throw runner.failed(e, sent, " (while beginning the transaction)");
            }
        }

        private RuntimeException failed(ServerConnection c, Throwable t, boolean committing) throws Retry {
            SQLException sql = t instanceof SQLException ? (SQLException) t
                    : t instanceof ServerlessMysqlException ? ((ServerlessMysqlException) t).getSQLException() : null;
            boolean lost = session.isLostWhilePinned() || t instanceof ConnectionLostException
                    || (t instanceof SQLException && Failure.ofStatement((SQLException) t, c.jdbc()).kind()
                            == Failure.Kind.LOST);
            if (lost) {
                if (session.current() == c) {
                    session.lostWhilePinned();
                }
                if (committing) {
                    return new ConnectionLostException("The connection was lost while committing the transaction; it"
                            + " may or may not have been committed" + (sql == null ? "" : ": " + sql.getMessage()
                            + SqlErrors.codes(sql)), sql, true);
                }
                return t instanceof ConnectionLostException ? (ConnectionLostException) t
                        : session.lostInTransaction(sql, c.committedInTransaction());
            }
            Failure doomed = session.doomedBy();
            Failure.Kind kind = doomed != null ? doomed.kind()
                    : sql != null ? Failure.ofStatement(sql, c.jdbc()).kind() : Failure.Kind.STATEMENT;
            boolean wrote = session.wroteWhilePinned();
            rollback(c);
            RuntimeException error = asRuntime(t, sql);
            if (kind == Failure.Kind.DEADLOCK || kind == Failure.Kind.LOCK_WAIT) {
                throw new Retry(doomed != null ? doomed : Failure.ofStatement(sql, c.jdbc()), false,
                        options.deadlockRetries(), "retryOnDeadlock", error);
            }
            if (kind == Failure.Kind.NOT_WRITER) {
                session.discard(CloseReason.NOT_WRITER);
                if (!wrote && !committing) {
                    throw new Retry(doomed != null ? doomed : Failure.ofStatement(sql, c.jdbc()), false,
                            settings.maxRetries(), "maxRetries", error);
                }
            }
            return error;
        }

        @Override
        public RuntimeException exhausted(Retry retry, int attempts, String why) {
            // the caller gets the transaction's own error, unchanged; why no further attempt was made rides along
            retry.error.addSuppressed(new ServerlessMysqlException("Gave up re-running the transaction after "
                    + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + why, (Throwable) null));
            return retry.error;
        }

        @Override
        public void retrying(Retry retry, int attempt, Duration delay) {
            counters.queryRetries.incrementAndGet();
            events.queryRetry(retry.failure.error(), attempt, delay);
        }
    }

    /** The transaction ended with {@code sql} (COMMIT or ROLLBACK): nothing is open and autocommit is on. */
    private void ended(ServerConnection c, String sql) {
        c.executed(sql, Sql.traits(sql), true);
        c.settled();
        session.used(System.nanoTime());
    }

    private void rollback(ServerConnection c) {
        if (session.current() != c) {
            return;
        }
        c.transactionEnding();
        try (Statement st = c.jdbc().createStatement()) {
            st.execute("ROLLBACK");
            ended(c, "ROLLBACK");
        } catch (SQLException e) {
            if (Failure.ofStatement(e, c.jdbc()).kind() == Failure.Kind.LOST) {
                session.lostWhilePinned();
            } else {
                events.log(System.Logger.Level.WARNING, "rollback failed: " + e.getMessage() + SqlErrors.codes(e), null);
                session.discard(CloseReason.DEAD);
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

    /** Carries the error of a transaction the server had already rolled back to the rollback path. */
    private static final class DoomedTransaction extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ServerlessMysqlException error;

        DoomedTransaction(ServerlessMysqlException error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
