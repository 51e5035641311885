package com.example.app;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/** "User code": the agent instruments its call sites. */
public final class UserCode {

    private UserCode() {
    }

    public static Connection open(DataSource ds) throws SQLException {
        return ds.getConnection();
    }

    public static void openAndClose(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.isClosed();
        }
    }

    public static Connection rawDriver(Driver driver) throws SQLException {
        return driver.connect("jdbc:fake:", new Properties());
    }

    /** Through a method reference: the call of getConnection is in a generated class the agent never sees. */
    public static Connection viaMethodReference(DataSource ds) throws Exception {
        java.util.concurrent.Callable<Connection> open = ds::getConnection;
        return open.call();
    }

    /** Through a library in a jar, which keeps the connection. */
    public static Connection throughLibrary(DataSource ds) throws SQLException {
        return com.example.lib.LibraryTester.open(ds);
    }

    /** Asks a statement for its connection: an existing connection, never a new one. */
    public static Connection fromStatement(Statement s) throws SQLException {
        return s.getConnection();
    }

    /** A wrapper asking its delegate: the same connection reaches two call sites. */
    public static Connection throughWrapper(DataSource ds) throws SQLException {
        DataSource wrapper = new Wrapper(ds);
        return wrapper.getConnection();
    }

    static final class Wrapper extends FakeDataSource {
        private final DataSource delegate;

        Wrapper(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() {
            try {
                return delegate.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
