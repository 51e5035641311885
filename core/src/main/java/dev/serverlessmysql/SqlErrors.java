package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The vendor codes and SQLState classes the client knows, which MySQL Connector/J and MariaDB Connector/J report the
 * same way, and the low-level tests on them; {@link Failure} is what classifies a failure from them.
 */
final class SqlErrors {

    /** ER_CON_COUNT_ERROR: too many connections. */
    static final int TOO_MANY_CONNECTIONS = 1040;
    /** ER_TOO_MANY_USER_CONNECTIONS: the global max_user_connections is reached. */
    static final int TOO_MANY_USER_CONNECTIONS = 1203;
    /** ER_USER_LIMIT_REACHED: an account resource limit such as MAX_USER_CONNECTIONS is reached. */
    static final int USER_LIMIT_REACHED = 1226;
    /** ER_CANT_CREATE_THREAD: the server could not create a thread for the connection. */
    static final int CANT_CREATE_THREAD = 1135;
    /** ER_OUT_OF_RESOURCES. */
    static final int OUT_OF_RESOURCES = 1041;
    /** ER_OUTOFMEMORY. */
    static final int OUT_OF_MEMORY = 1037;
    /** ER_LOCK_DEADLOCK: the server rolled back the whole transaction. */
    static final int DEADLOCK = 1213;
    /** ER_LOCK_WAIT_TIMEOUT. */
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_NO_SUCH_THREAD: "unknown thread id", the session is already gone. */
    static final int UNKNOWN_THREAD = 1094;
    /** ER_ACCESS_DENIED_ERROR: wrong user or password. */
    static final int ACCESS_DENIED = 1045;

    private SqlErrors() {
    }

    /** "No room now": the server or the account is at its connection limit, or short of resources. */
    static boolean isNoRoom(SQLException e) {
        switch (e.getErrorCode()) {
            case TOO_MANY_CONNECTIONS:
            case TOO_MANY_USER_CONNECTIONS:
            case USER_LIMIT_REACHED:
            case CANT_CREATE_THREAD:
            case OUT_OF_RESOURCES:
            case OUT_OF_MEMORY:
                return true;
            default:
                return false;
        }
    }

    /** SQLState class 08: a connection exception (Connector/J reports 08S01 with vendor code 0, MariaDB 08000). */
    static boolean isConnectionClass(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /**
     * Whether the statement's connection is gone: SQLState class 08, "connection was killed" (1927), server
     * shutdown (1053), the MySQL 8 inactivity disconnect (4031), or a connection the driver has closed.
     */
    static boolean isConnectionLost(SQLException e, Connection c) {
        if (isConnectionClass(e)) {
            return true;
        }
        int code = e.getErrorCode();
        if (code == 1927 || code == 1053 || code == 4031 || code == 2006 || code == 2013) {
            return true;
        }
        try {
            return c != null && c.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    /** A deadlock or lock-wait timeout, after which the work may succeed when run again. */
    static boolean isDeadlock(int code) {
        return code == DEADLOCK || code == LOCK_WAIT_TIMEOUT;
    }

    /** The vendor code carried by any exception the client throws or lets through, or 0. */
    static int codeOf(Throwable t) {
        if (t instanceof ServerlessMysqlException) {
            return ((ServerlessMysqlException) t).getErrorCode();
        }
        return t instanceof SQLException ? ((SQLException) t).getErrorCode() : 0;
    }

    /** " [SQLState 08S01, vendor code 0]". */
    static String codes(SQLException e) {
        return " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]";
    }
}
