package dev.serverlessmysql.test;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source that opens a new physical connection per call, so tests see exactly the sessions they make. */
final class DriverManagerDataSource implements DataSource {

    private final Supplier<String> url;
    private final String user;
    private final String password;
    private volatile int loginTimeoutSeconds;

    DriverManagerDataSource(Supplier<String> url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code mysql} when MySQL Connector/J is on the classpath, otherwise {@code mariadb}. */
    static String preferredSubprotocol() {
        try {
            Class.forName("com.mysql.cj.jdbc.Driver", false, DriverManagerDataSource.class.getClassLoader());
            return "mysql";
        } catch (ClassNotFoundException e) {
            return "mariadb";
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        if (pass != null) {
            props.setProperty("password", pass);
        }
        return DriverManager.getConnection(url.get(), props);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // connections are opened through DriverManager, which has its own log writer
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "DataSource[" + url.get() + " as " + user + "]";
    }
}
