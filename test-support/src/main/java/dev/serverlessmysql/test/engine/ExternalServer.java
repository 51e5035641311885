package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.TestDatabaseException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A server somebody else runs, named by a JDBC URL with admin credentials. It is never stopped or changed here. */
final class ExternalServer implements RunningServer {

    private final String host;
    private final int port;
    private final String query;
    private final String user;
    private final String password;
    private final String version;

    private ExternalServer(String host, int port, String query, String user, String password, String version) {
        this.host = host;
        this.port = port;
        this.query = query;
        this.user = user;
        this.password = password;
        this.version = version;
    }

    /**
     * Connects to the server at {@code url} as {@code user}; {@code source} names the setting the URL came from, so an
     * error can say where to fix it.
     */
    static ExternalServer connect(String url, String user, String password, String source) {
        URI uri = parse(url, source);
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        String query = withoutCredentials(uri.getRawQuery());
        String adminUrl = "jdbc:mariadb://" + host + ":" + port + "/" + query
                + (query.isEmpty() ? "?" : "&") + "connectTimeout=5000";
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return new ExternalServer(host, port, query, user, password, rs.getString(1));
        } catch (SQLException e) {
            throw new TestDatabaseException("The external test server " + Redaction.url(url) + " (set by " + source
                    + ") is not reachable as user '" + user + "': " + Redaction.text(e.getMessage(), password)
                    + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]. Start that server, fix the URL,"
                    + " or unset " + source + " to let the test support start a server itself.", e);
        }
    }

    /** The URL's query minus user and password, which must not leak into the test users' URLs. */
    private static String withoutCredentials(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        String kept = java.util.Arrays.stream(rawQuery.split("&"))
                .filter(p -> !p.matches("(?i)(user|password|pwd|passwd)=.*"))
                .collect(java.util.stream.Collectors.joining("&"));
        return kept.isEmpty() ? "" : "?" + kept;
    }

    private static URI parse(String url, String source) {
        String rest = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        try {
            URI uri = URI.create(rest);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new TestDatabaseException("The external test server URL " + Redaction.url(url) + " (set by " + source
                    + ") is not a JDBC URL such as jdbc:mysql://db.example:3306/. Fix " + source + ".", e);
        }
    }

    @Override
    public Engine engine() {
        return Engine.EXTERNAL;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return user;
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String jdbcUrl(String database) {
        return RunningServer.super.jdbcUrl(database) + query;
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void close() {
        // somebody else's server: nothing of ours runs there once our databases are dropped
    }
}
