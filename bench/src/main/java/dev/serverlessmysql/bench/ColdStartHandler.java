package dev.serverlessmysql.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.serverlessmysql.ServerlessMysql;

/**
 * Child-JVM entry point for the cold-start benchmark: the smallest handler that runs one query, on the client
 * ({@code core}) or on HikariCP ({@code hikari}), connecting with {@code DB_URL}, {@code DB_USER} and
 * {@code DB_PASSWORD}. It prints the result and exits; the parent times it from process start to that line. It loads
 * nothing else, so that its class count is the handler's own.
 */
public final class ColdStartHandler {

    static final String RESULT = "COLD_START_RESULT ";

    private ColdStartHandler() {
    }

    /** Runs one {@code SELECT 1} with the library named by the first argument. */
    public static void main(String[] args) throws SQLException {
        int value = switch (args[0]) {
            case "core" -> ServerlessMysql.fromEnvironment().query("SELECT 1", rs -> rs.getInt(1)).get(0);
            case "hikari" -> hikari();
            default -> throw new IllegalArgumentException("expected core or hikari, got " + args[0]);
        };
        System.out.println(RESULT + value);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static int hikari() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(System.getenv("DB_URL"));
        config.setUsername(System.getenv("DB_USER"));
        config.setPassword(System.getenv("DB_PASSWORD"));
        config.setMaximumPoolSize(1);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
