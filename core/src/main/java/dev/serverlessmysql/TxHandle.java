package dev.serverlessmysql;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * The {@link Transaction} given to a callback: statements on the pinned connection, with no retry, under the rules
 * of {@link StatementRunner#pinned}. Its {@link #connection()} is a view that reports every failure the same way,
 * so that a callback cannot swallow a deadlock through plain JDBC and commit what follows it.
 */
final class TxHandle implements Transaction {

    private final ServerConnection connection;
    private final Session session;
    private final StatementRunner runner;
    private final Gate gate;
    private ManagedConnection view;
    private boolean finished;

    TxHandle(ServerConnection connection, Session session, StatementRunner runner, Gate gate) {
        this.connection = connection;
        this.session = session;
        this.runner = runner;
        this.gate = gate;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        return query(sql, null, params);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return (List<T>) run(StatementRunner.Mode.QUERY, sql, params, mapper);
    }

    @Override
    public int update(String sql, Object... params) {
        return (Integer) run(StatementRunner.Mode.UPDATE, sql, params, null);
    }

    @Override
    public long insert(String sql, Object... params) {
        return updateWithKeys(sql, params).key();
    }

    @Override
    public UpdateResult updateWithKeys(String sql, Object... params) {
        return (UpdateResult) run(StatementRunner.Mode.KEYS, sql, params, null);
    }

    @Override
    public Connection connection() {
        check("connection()");
        if (view == null) {
            view = new ManagedConnection(null, connection, session, runner);
        }
        return view;
    }

    private Object run(StatementRunner.Mode mode, String sql, Object[] params, RowMapper<?> mapper) {
        check(sql);
        return runner.pinned(mode, sql, Sql.traits(sql), params, mapper);
    }

    void finish() {
        finished = true;
        if (view != null) {
            view.markReleased();
        }
    }

    private void check(String sql) {
        if (finished) {
            throw new IllegalStateException("This Transaction is finished; use it only inside its callback");
        }
        if (!gate.heldByCurrentThread()) {
            throw new IllegalStateException("A Transaction may be used only by the thread running its callback");
        }
        Statements.check(sql);
        if (session.isLostWhilePinned()) {
            throw session.lostInTransaction(null, connection.committedInTransaction());
        }
    }

    @Override
    public String toString() {
        return "Transaction[" + (finished ? "finished" : "active") + "]";
    }
}
