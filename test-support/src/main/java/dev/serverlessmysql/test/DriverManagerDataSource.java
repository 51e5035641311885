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

    private static final int TOO_MANY_CONNECTIONS = 1040;
    private static final long FULL_SERVER_PATIENCE_NANOS = java.time.Duration.ofSeconds(15).toNanos();

    private final Supplier<String> url;
    private final String user;
    private final String password;
    private final boolean waitsForRoom;
    private volatile int loginTimeoutSeconds;

    DriverManagerDataSource(Supplier<String> url, String user, String password) {
        this(url, user, password, false);
    }

    /**
     * With {@code waitsForRoom}, a connect refused because the server is full is retried for a while: tests fill
     * servers on purpose, and the administrator's single reserved slot may be taken at that moment.
     */
    DriverManagerDataSource(Supplier<String> url, String user, String password, boolean waitsForRoom) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.waitsForRoom = waitsForRoom;
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
        long deadline = System.nanoTime() + FULL_SERVER_PATIENCE_NANOS;
        while (true) {
            try {
                return DriverManager.getConnection(url.get(), props);
            } catch (SQLException e) {
                if (!waitsForRoom || e.getErrorCode() != TOO_MANY_CONNECTIONS || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
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
