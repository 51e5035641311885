package dev.serverlessmysql.test;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Raw JDBC through a class's proxy, with the driver and its timeouts named in the URL, and what an error was made of. */
final class Through {

    /** The drivers every network-fault test runs under: MySQL Connector/J and MariaDB Connector/J. */
    static final String DRIVERS = "dev.serverlessmysql.test.Through#drivers";

    private Through() {
    }

    static List<String> drivers() {
        return List.of("mysql", "mariadb");
    }

    /** A connection through the proxy in {@code driver}'s subprotocol, with URL settings such as {@code socketTimeout=1000}. */
    static Connection connect(NetworkFaults faults, String driver, String... settings) throws SQLException {
        String url = faults.jdbcUrl(driver);
        StringBuilder full = new StringBuilder(url);
        for (String s : settings) {
            full.append(full.indexOf("?") < 0 ? '?' : '&').append(s);
        }
        return DriverManager.getConnection(full.toString(), faults.database().user(), faults.database().password());
    }

    /** The error and all its causes. */
    static List<Throwable> chain(Throwable error) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = error; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    /** Whether a socket read timed out somewhere under {@code error}. */
    static boolean timedOut(Throwable error) {
        return chain(error).stream().anyMatch(t -> t instanceof SocketTimeoutException);
    }

    /** Whether the connection was reset or closed under {@code error} (as opposed to timing out). */
    static boolean resetOrClosed(Throwable error) {
        return chain(error).stream().anyMatch(t -> t instanceof java.io.EOFException
                || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).matches("(?s).*(reset|broken pipe|end of stream|closed|eof).*"));
    }

    static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t : chain(error)) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    static long single(Connection c, String sql) throws SQLException {
        return MySqlExtensionTest.single(c, sql);
    }
}
