package dev.serverlessmysql;

import dev.serverlessmysql.RetryLoop.Retry;
import dev.serverlessmysql.ServerlessMysqlListener.CloseReason;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs single statements, through the client's {@link RetryLoop}, with these rules:
 * <ul>
 *   <li>a connection lost under a read that depends on nothing in the session (see {@link Sql#isRerunnable(int)}),
 *       on a session nothing had changed, with no transaction open and no row handed out yet: re-run once, at once,
 *       on a new connection;</li>
 *   <li>a connection lost under anything else: never re-run; {@link ConnectionLostException}, whose
 *       {@code outcomeUnknown()} says whether the statement may have been applied
 *       ({@link Failure#outcomeUnknown(int, boolean, boolean)});</li>
 *   <li>1290 or 1836 outside a transaction (a demoted writer): the statement was refused before it ran, so the
 *       connection is dropped and the statement re-run on a new one, with backoff, within the deadline;</li>
 *   <li>a deadlock or lock-wait timeout in autocommit: re-run up to {@code maxQueryRetries} times with backoff, since
 *       the server rolled back only that statement; never inside a transaction;</li>
 *   <li>anything else: thrown at once, SQLState and vendor code intact.</li>
 * </ul>
 * Inside a transaction callback the statement joins the transaction and is never retried (see {@link #pinned}).
 */
final class StatementRunner {

    /** What a statement returns. */
    enum Mode { QUERY, UPDATE, KEYS }

    private final Gate gate;
    private final Session session;
    private final Statements statements;
    private final Settings settings;
    private final RetryLoop loop;
    private final TimeBudget budget;
    private final Events events;
    private final Counters counters;

    StatementRunner(Gate gate, Session session, Statements statements, Settings settings, RetryLoop loop,
            TimeBudget budget, Events events, Counters counters) {
        this.gate = gate;
        this.session = session;
        this.statements = statements;
        this.settings = settings;
        this.loop = loop;
        this.budget = budget;
        this.events = events;
        this.counters = counters;
    }

    /** Runs one statement; the result is a {@code List<T>}, an {@code Integer} or an {@link UpdateResult}. */
    Object run(Mode mode, String sql, Object[] params, RowMapper<?> mapper) {
        Statements.check(sql);
        gate.enter("a statement");
        try {
            int traits = Sql.traits(sql);
            if (session.pinned()) {
                return pinned(mode, sql, traits, params, mapper);
            }
            long start = System.nanoTime();
            Attempts attempts = new Attempts(mode, sql, traits, params, mapper, start);
            return loop.run(attempts, attempts);
        } finally {
            gate.exit();
        }
    }

    @SuppressWarnings("unchecked")
    <T> List<T> query(String sql, Object[] params, RowMapper<T> mapper) {
        return (List<T>) run(Mode.QUERY, sql, params, mapper);
    }

    int update(String sql, Object[] params) {
        return (Integer) run(Mode.UPDATE, sql, params, null);
    }

    UpdateResult updateWithKeys(String sql, Object[] params) {
        return (UpdateResult) run(Mode.KEYS, sql, params, null);
    }

    private Object execute(Mode mode, ServerConnection c, String sql, int traits, Object[] params,
            RowMapper<?> mapper) throws SQLException {
        switch (mode) {
            case QUERY:
                return statements.query(c.jdbc(), sql, traits, params, mapper);
            case UPDATE:
                return statements.update(c.jdbc(), sql, params);
            default:
                return statements.updateWithKeys(c.jdbc(), sql, params);
        }
    }

    /**
     * A statement inside a transaction callback, on the pinned connection, never retried: a lost connection fails the
     * transaction, and a deadlock or a read-only server dooms it, so that nothing after it can commit.
     */
    Object pinned(Mode mode, String sql, int traits, Object[] params, RowMapper<?> mapper) {
        ServerConnection c = session.acquire(System.nanoTime(), false);
        Failure doomed = session.doomedBy();
        if (doomed != null) {
            throw refused(doomed);
        }
        Object result;
        try {
            result = execute(mode, c, sql, traits, params, mapper);
        } catch (SQLException e) {
            throw pinnedFailure(Failure.ofStatement(e, c.jdbc()), c, sql, traits);
        }
        c.executed(sql, traits, true);
        if ((traits & Sql.READ_ONLY) == 0) {
            session.wrote();
        }
        return result;
    }

    /** What a failed statement inside a transaction callback means for the transaction. */
    RuntimeException pinnedFailure(Failure f, ServerConnection c, String sql, int traits) {
        switch (f.kind()) {
            case LOST:
                boolean unknown = Failure.outcomeUnknown(traits, true, c.committedInTransaction());
                session.lostWhilePinned();
                return session.lostInTransaction(f.error(), unknown);
            case DEADLOCK:
            case NOT_WRITER:
                session.doom(f);
                return failed(f.error(), sql, "");
            default:
                c.failedOn(sql, traits, true, false);
                return failed(f.error(), sql, "");
        }
    }

    /** The error for a statement refused because the server already rolled back, or refused, the transaction. */
    static ServerlessMysqlException refused(Failure doomed) {
        String why = doomed.kind() == Failure.Kind.DEADLOCK
                ? "The server already rolled this transaction back after a deadlock"
                : "The server refused this transaction's write: it is read-only (not the writer)";
        return new ServerlessMysqlException(why + "; no further statement may run in it, and it will not commit",
                doomed.error());
    }

    /** The attempts of one statement outside a transaction callback. */
    private final class Attempts implements RetryLoop.Operation<Object>, RetryLoop.Deadlines {
        private final Mode mode;
        private final String sql;
        private final int traits;
        private final Object[] params;
        private final RowMapper<?> mapper;
        private boolean rerun;
        /** The operation's start, which is the first attempt's; later attempts read the clock. */
        private final long start;
        private boolean first = true;

        Attempts(Mode mode, String sql, int traits, Object[] params, RowMapper<?> mapper, long start) {
            this.mode = mode;
            this.sql = sql;
            this.traits = traits;
            this.params = params;
            this.mapper = mapper;
            this.start = start;
        }

        /** The deadline matters only once an attempt failed: built then, not at every statement. */
        @Override
        public Deadline deadline(long now) {
            return budget.deadline(start, now);
        }

        @Override
        public Object attempt() throws Retry {
            boolean rerunnable = Sql.isRerunnable(traits);
            long now = first ? start : System.nanoTime();
            first = false;
            ServerConnection c = session.acquire(now, rerunnable && !rerun);
            boolean inTransaction = c.inTransaction();
            boolean changed = c.sessionChanged();
            boolean committed = c.committedInTransaction();
            boolean uncertain = c.statusUncertain();
            Object result;
            try {
                result = execute(mode, c, sql, traits, params, mapper);
            } catch (SQLException e) {
                Failure f = Failure.ofStatement(e, c.jdbc());
                switch (f.kind()) {
                    case LOST:
                        session.discard(CloseReason.DEAD);
                        if (inTransaction && !uncertain) {
                            boolean unknown = Failure.outcomeUnknown(traits, true, committed);
                            throw lost("The connection was lost inside a transaction begun by a statement (START"
                                    + " TRANSACTION, BEGIN, a procedure, autocommit off); " + (unknown
                                    ? "a statement of it commits implicitly, so part or all of it may have been"
                                            + " committed" : "the server rolled it back and nothing of it was"
                                            + " committed") + ". Not re-run", e, unknown);
                        }
                        // a read that timed out used the invocation's time: no time is left to run it again
                        if (rerunnable && !rerun && !changed && !inTransaction && !statements.delivered()
                                && !f.timedOut()) {
                            rerun = true;
                            throw new Retry(f, true, 1, "one re-run of a read");
                        }
                        boolean unknown = Failure.outcomeUnknown(traits, false, false);
                        throw lost(unknown ? "The connection was lost while running the statement; it may or may not"
                                + " have been applied, so it was not re-run"
                                : rerun ? "The connection was lost while running a read, again after one re-run on a"
                                        + " new connection"
                                : f.timedOut() && rerunnable ? "The server did not answer a read in time; it was not"
                                        + " re-run, since that time is spent"
                                : "The connection was lost while running a read that depends on the session (its"
                                        + " state, variables or LAST_INSERT_ID()), or in a session that had changed;"
                                        + " a new session would answer differently, so it was not re-run", e, unknown);
                    case NOT_WRITER:
                        session.discard(CloseReason.NOT_WRITER);
                        if (inTransaction) {
                            throw lost("The server refused the write: it is read-only, not the writer (a failover)."
                                    + " The client closed the connection, which rolled back the open transaction"
                                    + " begun by a statement" + (committed ? " after part of it had been committed"
                                    + " implicitly" : "; nothing of it was committed"), e, committed);
                        }
                        throw new Retry(f, false, settings.maxRetries(), "maxRetries");
                    case DEADLOCK:
                    case LOCK_WAIT:
                        c.failedOn(sql, traits, inTransaction, f.kind() == Failure.Kind.DEADLOCK);
                        if (!inTransaction && !statements.delivered()) {
                            throw new Retry(f, false, settings.maxQueryRetries(), "maxQueryRetries");
                        }
                        throw failed(e, sql, "");
                    default:
                        c.failedOn(sql, traits, inTransaction, false);
                        throw failed(e, sql, "");
                }
            }
            c.executed(sql, traits, inTransaction);
            session.used(System.nanoTime());
            return result;
        }

        @Override
        public RuntimeException exhausted(Retry retry, int attempts, String why) {
            SQLException e = retry.failure.error();
            switch (retry.failure.kind()) {
                case DEADLOCK:
                case LOCK_WAIT:
                    return failed(e, sql, attempts > 1 ? " (after " + (attempts - 1) + " retries)" : "");
                case LOST:
                    return lost("The connection was lost while running a read and no time was left to re-run it", e,
                            false);
                default:
                    return failed(e, sql, " (gave up retrying after " + attempts + " attempts: " + why + ")");
            }
        }

        @Override
        public void retrying(Retry retry, int attempt, Duration delay) {
            counters.queryRetries.incrementAndGet();
            events.queryRetry(retry.failure.error(), attempt, delay);
        }

        private ConnectionLostException lost(String what, SQLException e, boolean outcomeUnknown) {
            Failure f = Failure.ofStatement(e, null);
            return new ConnectionLostException(Redact.secret(what + (f.timedOut() ? " (no answer within the network"
                    + " timeout)" : "") + ": " + e.getMessage() + SqlErrors.codes(e) + " Statement: " + Redact.sql(sql),
                    session.lastPassword()), e, outcomeUnknown);
        }
    }

    ServerlessMysqlException failed(SQLException e, String sql, String note) {
        return new ServerlessMysqlException(Redact.secret(e.getMessage() + SqlErrors.codes(e) + note + " Statement: "
                + Redact.sql(sql), session.lastPassword()), e);
    }
}
