package dev.serverlessmysql;

import dev.serverlessmysql.test.MySqlDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's own status counters, read on one administrative connection of a dedicated server, so that the
 * difference between two readings is exactly what the clients sent meanwhile plus the second reading itself.
 */
final class ServerCounters implements AutoCloseable {

    /** The counters read; {@code Questions} counts every statement a client sent, but no ping and no prepare. */
    static final String[] NAMES = {"Questions", "Com_admin_commands", "Com_stmt_prepare", "Connections", "Com_set_option",
        "Com_kill", "Com_show_status", "Com_select", "Com_begin", "Com_commit", "Com_rollback", "Com_create_table",
        "Com_prepare_sql"};

    private final Connection admin;

    ServerCounters(MySqlDatabase db) throws SQLException {
        if (!db.server().isDedicated()) {
            throw new IllegalStateException("global counters are exact only on a dedicated server");
        }
        this.admin = db.adminDataSource().getConnection();
    }

    /** The counters now. */
    Map<String, Long> read() throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('" + String.join("','", NAMES) + "')")) {
            while (rs.next()) {
                values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
            }
        }
        return values;
    }

    /** What the clients sent between two readings: the later reading's own statement is taken off. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new HashMap<>();
        for (String name : NAMES) {
            d.put(name, after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L));
        }
        d.merge("Questions", -1L, Long::sum);
        d.merge("Com_show_status", -1L, Long::sum);
        return d;
    }

    /** Round trips as the issue counts them: statements, pings and other commands, prepares, new connections. */
    static long cost(Map<String, Long> delta) {
        return delta.get("Questions") + delta.get("Com_admin_commands") + delta.get("Com_stmt_prepare")
                + delta.get("Connections");
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
