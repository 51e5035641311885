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
 * A {@link ServerlessMysql#dataSource()} connection: a view of the client's managed connection. Closing it only
 * releases it: a transaction left open is rolled back and reported, and the isolation level and read-only flag are
 * put back as they were. While it is open, the client's lock is held, so no other thread's statement can slip into
 * its transaction. Every other call goes straight to the driver's connection.
 */
final class ManagedConnection implements Connection {

    private final ManagedDataSource owner;
    private final Connection physical;
    private boolean released;
    private int originalIsolation = -1;
    private Boolean originalReadOnly;
    private String originalCatalog;

    ManagedConnection(ManagedDataSource owner, Connection physical) {
        this.owner = owner;
        this.physical = physical;
    }

    private Connection open() throws SQLException {
        if (released) {
            throw new SQLException("This connection was released (closed, or released by end() or quit());"
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

    @Override
    public void close() throws SQLException {
        if (!released) {
            released = true;
            owner.release(this);
        }
    }

    /** Puts the connection back as it was handed out; runs under the client's lock. */
    void restore() throws SQLException {
        if (!physical.getAutoCommit()) {
            physical.rollback();
            physical.setAutoCommit(true);
            owner.noteAutoCommit(true);
            owner.leaked("a dataSource() connection was released with a transaction open (autocommit off);"
                    + " it was rolled back");
        }
        if (originalIsolation >= 0 && physical.getTransactionIsolation() != originalIsolation) {
            physical.setTransactionIsolation(originalIsolation);
        }
        if (originalReadOnly != null && physical.isReadOnly() != originalReadOnly) {
            physical.setReadOnly(originalReadOnly);
        }
        if (originalCatalog != null && !originalCatalog.equals(physical.getCatalog())) {
            physical.setCatalog(originalCatalog);
        }
    }

    Connection physical() {
        return physical;
    }

    void markReleased() {
        released = true;
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
        if (!released) {
            released = true;
            owner.abort(this);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        open().setAutoCommit(autoCommit);
        owner.noteAutoCommit(autoCommit);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        if (originalReadOnly == null) {
            originalReadOnly = open().isReadOnly();
        }
        open().setReadOnly(readOnly);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        if (originalIsolation < 0) {
            originalIsolation = open().getTransactionIsolation();
        }
        open().setTransactionIsolation(level);
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        if (originalCatalog == null) {
            originalCatalog = open().getCatalog();
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
        return "ManagedConnection[" + (released ? "released" : "open") + "]";
    }

    @Override
    public Statement createStatement() throws SQLException {
        return open().createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String a0) throws SQLException {
        return open().prepareStatement(a0);
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
        return open().prepareCall(a0);
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
        return open().nativeSQL(a0);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return open().getAutoCommit();
    }

    @Override
    public void commit() throws SQLException {
        open().commit();
    }

    @Override
    public void rollback() throws SQLException {
        open().rollback();
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
        return open().createStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
        return open().prepareStatement(a0, a1, a2);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
        return open().prepareCall(a0, a1, a2);
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
        return open().createStatement(a0, a1, a2);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
        return open().prepareStatement(a0, a1, a2, a3);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
        return open().prepareCall(a0, a1, a2, a3);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
        return open().prepareStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
        return open().prepareStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
        return open().prepareStatement(a0, a1);
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
