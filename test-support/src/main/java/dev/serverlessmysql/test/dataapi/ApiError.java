package dev.serverlessmysql.test.dataapi;

import java.sql.SQLException;

/**
 * An error answer of the Data API: the error type the SDK maps to its exception class (sent as
 * {@code x-amzn-ErrorType}), the HTTP status the service model gives that type, and the message. Every error type and
 * status the local endpoint can answer is created here, so that one place knows the service's error model.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;
    private final Long dbConnectionId;

    private ApiError(String type, int status, String message, Long dbConnectionId) {
        super(message);
        this.type = type;
        this.status = status;
        this.dbConnectionId = dbConnectionId;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    /** The connection id a {@code StatementTimeoutException} carries, or null. */
    Long dbConnectionId() {
        return dbConnectionId;
    }

    /** A malformed request: a missing or wrong field, a value of the wrong shape, a size limit passed. */
    static ApiError badRequest(String message) {
        return new ApiError("BadRequestException", 400, message, null);
    }

    /**
     * An SQL error, as Aurora Serverless v2 and provisioned clusters answer it: the MySQL error code and message in
     * the text, in the form Serverless v1 also uses inside its {@code BadRequestException}.
     */
    static ApiError database(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
        return new ApiError("DatabaseErrorException", 400, "Database error code: " + e.getErrorCode() + ". Message: "
                + message, null);
    }

    static ApiError resuming(String resourceArn) {
        return new ApiError("DatabaseResumingException", 400, "The Aurora DB instance of " + resourceArn
                + " is resuming after being auto-paused. Wait a few seconds and try again.", null);
    }

    static ApiError throttled() {
        return new ApiError("ThrottlingException", 400, "Rate exceeded", null);
    }

    static ApiError transactionNotFound(String id, String cause) {
        return new ApiError("TransactionNotFoundException", 404, "Transaction " + id + " is not found: " + cause, null);
    }

    static ApiError notFound(String message) {
        return new ApiError("NotFoundException", 404, message, null);
    }

    static ApiError secrets(String message) {
        return new ApiError("SecretsErrorException", 400, message, null);
    }

    static ApiError timeout(long connectionId) {
        return new ApiError("StatementTimeoutException", 400, "The execution of the SQL statement timed out.",
                connectionId);
    }

    static ApiError unavailable(String message) {
        return new ApiError("DatabaseUnavailableException", 504, message, null);
    }

    static ApiError forbidden(String message) {
        return new ApiError("ForbiddenException", 403, message, null);
    }

    static ApiError internal(String message) {
        return new ApiError("InternalServerErrorException", 500, message, null);
    }

    static ApiError unknownOperation(String path) {
        return new ApiError("UnknownOperationException", 404, "No Data API operation at " + path
                + "; the operations are /Execute, /BatchExecute, /BeginTransaction, /CommitTransaction and"
                + " /RollbackTransaction", null);
    }
}
