package dev.serverlessmysql;

import java.sql.SQLException;

/**
 * An error from the database or the client, unchecked so that handlers need no {@code throws} clause. The driver's
 * original {@link SQLException} is the cause, untouched, and {@link #getSQLState()} and {@link #getErrorCode()}
 * return its SQLState and vendor code (for example 1045 and {@code 28000} for a wrong password).
 */
public class ServerlessMysqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final int errorCode;

    /** An error caused by a driver exception, whose SQLState and vendor code it keeps. */
    public ServerlessMysqlException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause == null ? null : cause.getSQLState();
        this.errorCode = cause == null ? 0 : cause.getErrorCode();
    }

    /** An error with another cause, or none. */
    public ServerlessMysqlException(String message, Throwable cause) {
        super(message, cause);
        SQLException sql = cause instanceof SQLException ? (SQLException) cause : null;
        this.sqlState = sql == null ? null : sql.getSQLState();
        this.errorCode = sql == null ? 0 : sql.getErrorCode();
    }

    /** The SQLState of the driver exception, or null when the error did not come from the driver. */
    public String getSQLState() {
        return sqlState;
    }

    /** The vendor error code of the driver exception (for example 1040), or 0. */
    public int getErrorCode() {
        return errorCode;
    }

    /** The driver's exception, or null when the error did not come from the driver. */
    public SQLException getSQLException() {
        return getCause() instanceof SQLException ? (SQLException) getCause() : null;
    }
}
