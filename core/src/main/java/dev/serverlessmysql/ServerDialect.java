package dev.serverlessmysql;

import java.util.Locale;

/**
 * The housekeeping statements that suit one kind of server, chosen from the version string of the connection's
 * handshake (the driver has it, so choosing costs no round trip). Every statement binds the client's own user name as
 * a parameter: user names may contain {@code @}, so it is never derived from {@code CURRENT_USER()}, and the process
 * list's {@code USER} column is the name the client logged in with.
 *
 * <p>The status query folds everything one {@code end()} may need into one round trip, sent whenever the limits or the used count are due: the
 * limits, the server-wide used count, the own user's session count and the longest idle time among the own user's
 * other sleeping sessions.
 */
enum ServerDialect {

    /**
     * MySQL 8.0.22 and later, 8.4, and Aurora MySQL 3 (8.0.23 and later): {@code performance_schema.processlist}
     * iterates the threads without the global mutex that {@code information_schema.PROCESSLIST} takes, and shows a
     * user its own threads without PROCESS. The server-wide count comes from {@code performance_schema.global_status},
     * which is what {@code SHOW GLOBAL STATUS} reads there; it visits every thread under {@code LOCK_status}, which is
     * why the client reads it rarely (see {@link UsageRule}).
     */
    MYSQL_PERFORMANCE_SCHEMA(Text.MYSQL_PS_STATUS, Text.MYSQL_PS_CANDIDATES),

    /**
     * MySQL before 8.0.22, and the fallback on MySQL 8 when {@code performance_schema.processlist} does not show the
     * client's own session (the Performance Schema is disabled): {@code information_schema.PROCESSLIST}, deprecated
     * in MySQL 8 but present in every version.
     */
    MYSQL_INFORMATION_SCHEMA(Text.MYSQL_IS_STATUS, Text.IS_CANDIDATES),

    /**
     * MariaDB 10.6 and later: the Performance Schema is off by default there (its tables then exist but are empty),
     * and MariaDB keeps {@code information_schema.GLOBAL_STATUS} and {@code information_schema.PROCESSLIST}.
     */
    MARIADB(Text.MARIADB_STATUS, Text.IS_CANDIDATES);

    /** Columns: max_connections, max_user_connections, Threads_connected, own sessions, oldest own idle (or NULL). */
    final String statusSql;
    /** ID and TIME of the own user's other sleeping sessions idle at least ? seconds, oldest first, at most ?. */
    final String candidatesSql;

    ServerDialect(String statusSql, String candidatesSql) {
        this.statusSql = statusSql;
        this.candidatesSql = candidatesSql;
    }

    /** The dialect for a server version string such as {@code 8.0.36}, {@code 8.4.3} or {@code 11.4.5-MariaDB}. */
    static ServerDialect of(String version) {
        if (version == null) {
            return MYSQL_INFORMATION_SCHEMA;
        }
        if (version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return MARIADB;
        }
        int[] v = numbers(version);
        boolean performanceSchemaProcesslist = v[0] > 8 || (v[0] == 8 && (v[1] > 0 || v[2] >= 22))
                // Aurora MySQL 3 may report "8.0.mysql_aurora.3.x": every Aurora MySQL 3 is 8.0.23 or later
                || (v[0] == 8 && v[1] == 0 && version.contains("aurora"));
        return performanceSchemaProcesslist ? MYSQL_PERFORMANCE_SCHEMA : MYSQL_INFORMATION_SCHEMA;
    }

    /**
     * The statement that reads the session's isolation level (a value such as {@code REPEATABLE-READ}) on a server of
     * this version. MySQL 8 and MariaDB 11.1+ name the variable {@code transaction_isolation} (MySQL 8 has no other);
     * MariaDB before 11.1 and MySQL before 8 name it {@code tx_isolation} (MariaDB 10.x has no other).
     */
    static String isolationSql(String version) {
        int[] v = numbers(version == null ? "" : version);
        boolean mariaDb = version != null && version.toLowerCase(Locale.ROOT).contains("mariadb");
        boolean older = mariaDb ? v[0] < 11 || (v[0] == 11 && v[1] < 1) : v[0] < 8;
        return older ? "SELECT @@session.tx_isolation" : "SELECT @@session.transaction_isolation";
    }

    /** The fallback when this dialect's process list does not show the client's own session, or null. */
    ServerDialect fallback() {
        return this == MYSQL_PERFORMANCE_SCHEMA ? MYSQL_INFORMATION_SCHEMA : null;
    }

    /** The leading major, minor and patch numbers; missing ones are 0. */
    private static int[] numbers(String version) {
        int[] v = new int[3];
        int part = 0;
        int i = 0;
        int n = version.length();
        while (part < 3 && i < n) {
            int start = i;
            long value = 0;
            while (i < n && Character.isDigit(version.charAt(i)) && value < 100_000) {
                value = value * 10 + (version.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                break;
            }
            v[part++] = (int) value;
            if (i < n && version.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return v;
    }

    /** The statements, spelled out for each server; every value is a bound parameter. */
    private static final class Text {

        /** The own user's sessions and its other sleeping sessions' longest idle time, in one pass. */
        private static final String OWN_SESSIONS = " (SELECT COUNT(*) AS sessions, MAX(CASE WHEN COMMAND = 'Sleep'"
                + " AND ID <> CONNECTION_ID() THEN TIME END) AS oldest_idle FROM ";

        // MySQL 8.0.22+, 8.4, Aurora MySQL 3
        static final String MYSQL_PS_STATUS = "SELECT @@max_connections, @@max_user_connections,"
                + " (SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = 'Threads_connected'),"
                + " p.sessions, p.oldest_idle FROM" + OWN_SESSIONS + "performance_schema.processlist WHERE USER = ?) p";
        static final String MYSQL_PS_CANDIDATES = "SELECT ID, TIME FROM performance_schema.processlist"
                + " WHERE USER = ? AND COMMAND = 'Sleep' AND ID <> CONNECTION_ID() AND TIME >= ? ORDER BY TIME DESC LIMIT ?";

        // MySQL before 8.0.22, or with the Performance Schema off
        static final String MYSQL_IS_STATUS = "SELECT @@max_connections, @@max_user_connections,"
                + " (SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = 'Threads_connected'),"
                + " p.sessions, p.oldest_idle FROM" + OWN_SESSIONS + "information_schema.PROCESSLIST WHERE USER = ?) p";

        // MariaDB 10.6+
        static final String MARIADB_STATUS = "SELECT @@max_connections, @@max_user_connections,"
                + " (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'THREADS_CONNECTED'),"
                + " p.sessions, p.oldest_idle FROM" + OWN_SESSIONS + "information_schema.PROCESSLIST WHERE USER = ?) p";

        // information_schema.PROCESSLIST: MariaDB, and MySQL before 8.0.22
        static final String IS_CANDIDATES = "SELECT ID, TIME FROM information_schema.PROCESSLIST"
                + " WHERE USER = ? AND COMMAND = 'Sleep' AND ID <> CONNECTION_ID() AND TIME >= ? ORDER BY TIME DESC LIMIT ?";

        private Text() {
        }
    }
}
