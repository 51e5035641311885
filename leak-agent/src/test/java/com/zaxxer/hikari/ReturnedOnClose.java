package com.zaxxer.hikari;

import java.sql.Connection;

/**
 * A pooled connection in the shape of MariaDB Connector/J's pool: {@code close()} hands it back to the pool and
 * {@code isClosed()} stays false, because the session stays open for the next borrower.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public class ReturnedOnClose implements Connection {

    public boolean returned;
    public boolean physicallyClosed;

    @Override
    public void close() {
        returned = true;
    }

    @Override
    public boolean isClosed() {
        return physicallyClosed;
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
        return null;
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public java.sql.Statement createStatement() {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0) {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String a0) {
        return null;
    }

    @Override
    public java.lang.String nativeSQL(java.lang.String a0) {
        return null;
    }

    @Override
    public void setAutoCommit(boolean a0) {

    }

    @Override
    public boolean getAutoCommit() {
        return false;
    }

    @Override
    public void commit() {

    }

    @Override
    public void rollback() {

    }

    @Override
    public java.sql.DatabaseMetaData getMetaData() {
        return null;
    }

    @Override
    public void setReadOnly(boolean a0) {

    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void setCatalog(java.lang.String a0) {

    }

    @Override
    public java.lang.String getCatalog() {
        return null;
    }

    @Override
    public void setTransactionIsolation(int a0) {

    }

    @Override
    public int getTransactionIsolation() {
        return 0;
    }

    @Override
    public java.sql.SQLWarning getWarnings() {
        return null;
    }

    @Override
    public void clearWarnings() {

    }

    @Override
    public java.sql.Statement createStatement(int a0, int a1) {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1, int a2) {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String a0, int a1, int a2) {
        return null;
    }

    @Override
    public java.util.Map getTypeMap() {
        return null;
    }

    @Override
    public void setTypeMap(java.util.Map a0) {

    }

    @Override
    public void setHoldability(int a0) {

    }

    @Override
    public int getHoldability() {
        return 0;
    }

    @Override
    public java.sql.Savepoint setSavepoint() {
        return null;
    }

    @Override
    public java.sql.Savepoint setSavepoint(java.lang.String a0) {
        return null;
    }

    @Override
    public void rollback(java.sql.Savepoint a0) {

    }

    @Override
    public void releaseSavepoint(java.sql.Savepoint a0) {

    }

    @Override
    public java.sql.Statement createStatement(int a0, int a1, int a2) {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1, int a2, int a3) {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(java.lang.String a0, int a1, int a2, int a3) {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int a1) {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0, int[] a1) {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(java.lang.String a0, java.lang.String[] a1) {
        return null;
    }

    @Override
    public java.sql.Clob createClob() {
        return null;
    }

    @Override
    public java.sql.Blob createBlob() {
        return null;
    }

    @Override
    public java.sql.NClob createNClob() {
        return null;
    }

    @Override
    public java.sql.SQLXML createSQLXML() {
        return null;
    }

    @Override
    public boolean isValid(int a0) {
        return false;
    }

    @Override
    public void setClientInfo(java.lang.String a0, java.lang.String a1) {

    }

    @Override
    public void setClientInfo(java.util.Properties a0) {

    }

    @Override
    public java.lang.String getClientInfo(java.lang.String a0) {
        return null;
    }

    @Override
    public java.util.Properties getClientInfo() {
        return null;
    }

    @Override
    public java.sql.Array createArrayOf(java.lang.String a0, java.lang.Object[] a1) {
        return null;
    }

    @Override
    public java.sql.Struct createStruct(java.lang.String a0, java.lang.Object[] a1) {
        return null;
    }

    @Override
    public void setSchema(java.lang.String a0) {

    }

    @Override
    public java.lang.String getSchema() {
        return null;
    }

    @Override
    public void abort(java.util.concurrent.Executor a0) {

    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor a0, int a1) {

    }

    @Override
    public int getNetworkTimeout() {
        return 0;
    }
}
