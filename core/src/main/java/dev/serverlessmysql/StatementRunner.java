package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs single statements outside a transaction callback, with the client's retry rules:
 * <ul>
 *   <li>a connection lost under a read-only statement that has returned nothing yet: re-run once, at once, on a new
 *       connection (the connection was most likely dead before the statement reached it);</li>
 *   <li>a connection lost under anything else: never re-run, since it may have written;
 *       {@link ConnectionLostException};</li>
 *   <li>a deadlock or lock-wait timeout: re-run up to {@code maxQueryRetries} times with backoff, since in
 *       autocommit the server rolled back only that statement; never inside a transaction;</li>
 *   <li>anything else: thrown at once, SQLState and vendor code intact.</li>
 * </ul>
 * The statement path does no work beyond the lock, one clock read and the JDBC calls.
 */
final class StatementRunner {

    private final ReentrantLock lock;
    private final Session session;
    private final Statements statements;
    private final Settings settings;
    private final Connector connector;
    private final Events events;
    private final Counters counters;

    StatementRunner(ReentrantLock lock, Session session, Statements statements, Settings settings, Connector connector,
            Events events, Counters counters) {
        this.lock = lock;
        this.session = session;
        this.statements = statements;
        this.settings = settings;
        this.connector = connector;
        this.events = events;
        this.counters = counters;
    }

    <T> List<T> query(String sql, Object[] params, RowMapper<T> mapper) {
        Statements.check(sql);
        lock.lock();
        try {
            long start = System.nanoTime();
            Connection c = session.acquire(start, sql);
            List<T> rows;
            try {
                rows = statements.query(c, sql, params, mapper);
            } catch (SQLException e) {
                return retry(e, c, start, sql, params, mapper, false);
            }
            session.noteStatement(sql);
            session.used(System.nanoTime());
            return rows;
        } finally {
            lock.unlock();
        }
    }

    int update(String sql, Object[] params) {
        Statements.check(sql);
        lock.lock();
        try {
            long start = System.nanoTime();
            Connection c = session.acquire(start);
            int count;
            try {
                count = statements.update(c, sql, params);
            } catch (SQLException e) {
                return retry(e, c, start, sql, params, null, true);
            }
            session.noteStatement(sql);
            session.used(System.nanoTime());
            return count;
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private <R, T> R retry(SQLException first, Connection failedOn, long start, String sql, Object[] params,
            RowMapper<T> mapper, boolean isUpdate) {
        SQLException error = first;
        Connection c = failedOn;
        boolean readOnly = !isUpdate && Sql.isReadOnly(sql);
        boolean lostRetried = false;
        int attempt = 0;
        Duration previous = Duration.ZERO;
        Deadline deadline = null;
        while (true) {
            boolean inTx = session.pinned() || session.inManualTransaction();
            if (error.getErrorCode() == SqlErrors.DEADLOCK) {
                session.serverRolledBack();
            }
            if (SqlErrors.isConnectionLost(error, c)) {
                if (session.pinned()) {
                    session.lostWhilePinned();
                    throw session.lostInTransaction(error);
                }
                boolean manual = session.inManualTransaction();
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
                if (manual) {
                    throw lost("The connection was lost inside a transaction begun with START TRANSACTION or autocommit"
                            + " off; the server rolled it back and nothing of it was committed. Not re-run", error, sql,
                            false);
                }
                if (!readOnly || lostRetried || statements.delivered()) {
                    throw lost(readOnly ? "The connection was lost while running a read-only statement, again after"
                            + " one retry on a new connection"
                            : "The connection was lost while running the statement; it may or may not have been applied,"
                            + " so it was not re-run", error, sql, !readOnly);
                }
                lostRetried = true;
                attempt++;
                counters.queryRetries.incrementAndGet();
                events.queryRetry(error, attempt, Duration.ZERO);
            } else if (!inTx && SqlErrors.isDeadlock(error.getErrorCode()) && attempt < settings.maxQueryRetries()
                    && !statements.delivered()) {
                attempt++;
                Duration delay = connector.delay(attempt, previous);
                long now = System.nanoTime();
                if (deadline == null) {
                    deadline = Deadline.of(start, settings.retryDeadline(), session.invocationEnd(now));
                }
                if (!deadline.allows(delay, now)) {
                    throw failed(error, sql, " (gave up retrying: " + deadline.describe() + " would pass)");
                }
                previous = delay;
                counters.queryRetries.incrementAndGet();
                events.queryRetry(error, attempt, delay);
                Connector.sleep(delay);
            } else {
                throw failed(error, sql, attempt > 0 ? " (after " + attempt + " retries)" : "");
            }
            c = session.acquire(System.nanoTime());
            try {
                R result = isUpdate ? (R) Integer.valueOf(statements.update(c, sql, params))
                        : (R) statements.query(c, sql, params, mapper);
                session.noteStatement(sql);
                session.used(System.nanoTime());
                return result;
            } catch (SQLException e) {
                error = e;
            }
        }
    }

    private ConnectionLostException lost(String what, SQLException e, String sql, boolean outcomeUnknown) {
        return new ConnectionLostException(Redact.secret(what + ": " + e.getMessage() + SqlErrors.codes(e)
                + " Statement: " + Redact.sql(sql), session.lastPassword()), e, outcomeUnknown);
    }

    ServerlessMysqlException failed(SQLException e, String sql, String note) {
        return new ServerlessMysqlException(Redact.secret(e.getMessage() + SqlErrors.codes(e) + note + " Statement: "
                + Redact.sql(sql), session.lastPassword()), e);
    }
}
