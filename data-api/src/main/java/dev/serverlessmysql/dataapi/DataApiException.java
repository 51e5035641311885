package dev.serverlessmysql.dataapi;

import dev.serverlessmysql.ServerlessMysqlException;

/**
 * An error from the Data API or the client. It is a {@link ServerlessMysqlException}, the core client's error type,
 * so that code catching database errors works on both transports: {@link #getErrorCode()} is the MySQL error code
 * the service reported (1062 for a duplicate key), and {@link #getSQLState()} the SQLState when the service gave one.
 * The AWS SDK's exception is the cause.
 */
public final class DataApiException extends ServerlessMysqlException {

    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final String sqlState;
    private final String errorType;
    private final int statusCode;
    private final boolean outcomeUnknown;
    private boolean transactionGone;

    DataApiException(String message, Throwable cause, int errorCode, String sqlState, String errorType, int statusCode,
            boolean outcomeUnknown) {
        super(message, cause);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
        this.errorType = errorType;
        this.statusCode = statusCode;
        this.outcomeUnknown = outcomeUnknown;
    }

    DataApiException markTransactionGone() {
        this.transactionGone = true;
        return this;
    }

    DataApiException(String message) {
        this(message, null, 0, null, null, 0, false);
    }

    /** The MySQL error code the service reported (for example 1146 for a missing table), or 0. */
    @Override
    public int getErrorCode() {
        return errorCode;
    }

    /** The SQLState the service reported, or null: the Data API's messages usually carry only the error code. */
    @Override
    public String getSQLState() {
        return sqlState;
    }

    /**
     * The service's error type, as the SDK names its exception: {@code DatabaseErrorException},
     * {@code BadRequestException}, {@code StatementTimeoutException}, {@code DatabaseResumingException}...; null for an
     * error the client found itself (no answer, bad input).
     */
    public String errorType() {
        return errorType;
    }

    /** The HTTP status of the service's answer, or 0 when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** Whether the service no longer knows the transaction: it expired, ended, or an earlier error aborted it. */
    boolean transactionGone() {
        return transactionGone;
    }

    /**
     * Whether the failed call may have been applied: true for a write or a commit that was sent but whose answer
     * never came (a timeout, a lost connection, a server fault); such a call is never retried.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
