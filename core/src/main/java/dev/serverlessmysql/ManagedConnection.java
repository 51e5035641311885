package dev.serverlessmysql;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A view of the client's managed connection, in one of two roles. As a {@link ServerlessMysql#dataSource()}
 * connection, closing it only releases it: the last view released puts the connection back as it was handed out
 * (a transaction left open, as the server says, is rolled back and reported; isolation level, read-only flag and
 * catalog are restored; statements and result sets left open are closed), and a failure to put it back discards the
 * connection. As {@link Transaction#connection()}, it belongs to the transaction: it refuses to commit, roll back or
 * switch autocommit on, closing it does nothing, and every statement's failure counts for the transaction as the
 * client's own statements do. Every other call goes straight to the driver's connection.
 */
final class ManagedConnection implements Connection {

    private final ManagedDataSource owner;
    private final ServerConnection server;
    private final Connection physical;
    private final Session session;
    private final StatementRunner runner;
    private final ViewStatements statements = new ViewStatements(this);
    private volatile boolean released;

    /** A view for {@code owner}, a data source; or, with {@code owner} null, the transaction's connection. */
    ManagedConnection(ManagedDataSource owner, ServerConnection server, Session session, StatementRunner runner) {
        this.owner = owner;
        this.server = server;
        this.physical = server.jdbc();
        this.session = session;
        this.runner = runner;
    }

    private boolean transactional() {
        return owner == null;
    }

    private Connection open() throws SQLException {
        if (released) {
            throw new SQLException(transactional() ? "This Transaction's connection is finished; use it only inside"
                    + " its callback" : "This connection was released (closed, or released by end() or quit());"
                    + " get another from dataSource()", "08003");
        }
        return physical;
    }

    private Connection clientInfoTarget() throws SQLClientInfoException {
        if (released) {
            throw new SQLClientInfoException("This connection was released; get another from dataSource()", "08003",
                    0, null);
        }
        return physical;
    }

    private static SQLException refusedInTransaction(String what) {
        return new SQLException("The transaction's connection cannot " + what + ": the client commits or rolls back"
                + " when the callback returns or throws", "25000");
    }

    @Override
    public void close() throws SQLException {
        if (!transactional() && !released) {
            released = true;
            owner.release(this);
        }
    }

    ServerConnection server() {
        return server;
    }

    /** Closes the statements and result sets this view handed out. */
    void closeStatements() {
        statements.closeAll();
    }

    void markReleased() {
        released = true;
    }

    boolean released() {
        return released;
    }

    /** Before a statement of this view runs: refused once released, or in a transaction the server rolled back. */
    void beforeExecute() throws SQLException {
        open();
        if (transactional()) {
            if (session.isLostWhilePinned()) {
                throw session.lostInTransaction(null, server.committedInTransaction()).getSQLException();
            }
            Failure doomed = session.doomedBy();
            if (doomed != null) {
                SQLException e = doomed.error();
                throw new SQLException(StatementRunner.refused(doomed).getMessage(), e.getSQLState(),
                        e.getErrorCode());
            }
        }
    }

    boolean inTransaction() {
        return transactional() || server.inTransaction();
    }

    void executed(String sql, int traits, boolean wasInTransaction) {
        server.executed(sql == null ? "" : sql, traits, wasInTransaction);
        if (transactional() && (traits & Sql.READ_ONLY) == 0) {
            session.wrote();
        }
    }

    void failed(String sql, int traits, boolean wasInTransaction, SQLException e) {
        if (transactional()) {
            runner.pinnedFailure(Failure.ofStatement(e, physical), server, sql, traits);
        } else if (Failure.ofStatement(e, physical).kind() != Failure.Kind.LOST) {
            server.failedOn(sql == null ? "" : sql, traits, wasInTransaction,
                    Failure.ofStatement(e, physical).kind() == Failure.Kind.DEADLOCK);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return released || physical.isClosed();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        return !released && physical.isValid(timeout);
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (transactional()) {
            throw refusedInTransaction("be aborted");
        }
        if (!released) {
            released = true;
            owner.abort(this);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        if (transactional()) {
            if (autoCommit) {
                throw refusedInTransaction("switch autocommit on");
            }
            return;
        }
        open().setAutoCommit(autoCommit);
        server.autoCommitSet(autoCommit);
    }

    @Override
    public void commit() throws SQLException {
        if (transactional()) {
            throw refusedInTransaction("commit");
        }
        open().commit();
    }

    @Override
    public void rollback() throws SQLException {
        if (transactional()) {
            throw refusedInTransaction("roll back");
        }
        open().rollback();
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        if (owner != null) {
            owner.rememberReadOnly(open().isReadOnly());
        }
        open().setReadOnly(readOnly);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        if (owner != null) {
            owner.rememberIsolation(open().getTransactionIsolation());
        }
        open().setTransactionIsolation(level);
        server.isolationSet();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        if (owner != null) {
            owner.rememberCatalog(open().getCatalog());
        }
        open().setCatalog(catalog);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : open().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || open().isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "ManagedConnection[" + (transactional() ? "transaction, " : "") + (released ? "released" : "open") + "]";
    }

    @Override
    public Statement createStatement() throws SQLException {
        return statements.track(open().createStatement(), Statement.class, null);
    }

    @Override
    public PreparedStatement prepareStatement(String a0) throws SQLException {
        return statements.track(open().prepareStatement(a0), PreparedStatement.class, a0);
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
        return statements.track(open().prepareCall(a0), CallableStatement.class, a0);
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
        return open().nativeSQL(a0);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        // the client's transaction is begun with START TRANSACTION, autocommit left on: inside it, nothing autocommits
        return !transactional() && open().getAutoCommit();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return open().getMetaData();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return open().isReadOnly();
    }

    @Override
    public String getCatalog() throws SQLException {
        return open().getCatalog();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return open().getTransactionIsolation();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return open().getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        open().clearWarnings();
    }

    @Override
    public Statement createStatement(int a0, int a1) throws SQLException {
        return statements.track(open().createStatement(a0, a1), Statement.class, null);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
        return statements.track(open().prepareStatement(a0, a1, a2), PreparedStatement.class, a0);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        return statements.track(open().prepareCall(a0, a1, a2), CallableStatement.class, a0);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return open().getTypeMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
        open().setTypeMap(a0);
    }

    @Override
    public void setHoldability(int a0) throws SQLException {
        open().setHoldability(a0);
    }

    @Override
    public int getHoldability() throws SQLException {
        return open().getHoldability();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return open().setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String a0) throws SQLException {
        return open().setSavepoint(a0);
    }

    @Override
    public void rollback(Savepoint a0) throws SQLException {
        open().rollback(a0);
    }

    @Override
    public void releaseSavepoint(Savepoint a0) throws SQLException {
        open().releaseSavepoint(a0);
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) throws SQLException {
        return statements.track(open().createStatement(a0, a1, a2), Statement.class, null);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
        return statements.track(open().prepareStatement(a0, a1, a2, a3), PreparedStatement.class, a0);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        return statements.track(open().prepareCall(a0, a1, a2, a3), CallableStatement.class, a0);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
        return statements.track(open().prepareStatement(a0, a1), PreparedStatement.class, a0);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
        return statements.track(open().prepareStatement(a0, a1), PreparedStatement.class, a0);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
        return statements.track(open().prepareStatement(a0, a1), PreparedStatement.class, a0);
    }

    @Override
    public Clob createClob() throws SQLException {
        return open().createClob();
    }

    @Override
    public Blob createBlob() throws SQLException {
        return open().createBlob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return open().createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return open().createSQLXML();
    }

    @Override
    public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
        clientInfoTarget().setClientInfo(a0, a1);
    }

    @Override
    public void setClientInfo(Properties a0) throws SQLClientInfoException {
        clientInfoTarget().setClientInfo(a0);
    }

    @Override
    public String getClientInfo(String a0) throws SQLException {
        return open().getClientInfo(a0);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return open().getClientInfo();
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) throws SQLException {
        return open().createArrayOf(a0, a1);
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) throws SQLException {
        return open().createStruct(a0, a1);
    }

    @Override
    public void setSchema(String a0) throws SQLException {
        open().setSchema(a0);
        server.changed();
    }

    @Override
    public String getSchema() throws SQLException {
        return open().getSchema();
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
        open().setNetworkTimeout(a0, a1);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return open().getNetworkTimeout();
    }
}
