package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link Transaction} given to a callback: statements on the pinned connection, with no retry. */
final class TxHandle implements Transaction {

    private final Connection connection;
    private final Session session;
    private final Statements statements;
    private final StatementRunner runner;
    private final ReentrantLock lock;
    private boolean finished;

    TxHandle(Connection connection, Session session, Statements statements, StatementRunner runner, ReentrantLock lock) {
        this.connection = connection;
        this.session = session;
        this.statements = statements;
        this.runner = runner;
        this.lock = lock;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        return query(sql, null, params);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        check(sql);
        try {
            return statements.query(connection, sql, params, mapper);
        } catch (SQLException e) {
            throw failed(e, sql);
        }
    }

    @Override
    public int update(String sql, Object... params) {
        check(sql);
        try {
            return statements.update(connection, sql, params);
        } catch (SQLException e) {
            throw failed(e, sql);
        }
    }

    @Override
    public Connection connection() {
        check("connection()");
        return connection;
    }

    void finish() {
        finished = true;
    }

    private void check(String sql) {
        if (finished) {
            throw new IllegalStateException("This Transaction is finished; use it only inside its callback");
        }
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("A Transaction may be used only by the thread running its callback");
        }
        Statements.check(sql);
        if (session.isLostWhilePinned()) {
            throw session.lostInTransaction(null);
        }
        if (session.rolledBackWhilePinned()) {
            throw new ServerlessMysqlException("The server already rolled this transaction back after a deadlock;"
                    + " no further statement may run in it",
                    new SQLException("Deadlock found; transaction rolled back", "40001", SqlErrors.DEADLOCK));
        }
    }

    private RuntimeException failed(SQLException e, String sql) {
        if (SqlErrors.isConnectionLost(e, connection)) {
            session.lostWhilePinned();
            return session.lostInTransaction(e);
        }
        if (e.getErrorCode() == SqlErrors.DEADLOCK) {
            session.serverRolledBack();
        }
        return runner.failed(e, sql, "");
    }

    @Override
    public String toString() {
        return "Transaction[" + (finished ? "finished" : "active") + "]";
    }
}
