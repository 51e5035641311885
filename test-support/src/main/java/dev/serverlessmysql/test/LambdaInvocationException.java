package dev.serverlessmysql.test;

/**
 * A Lambda invocation failed or timed out. Carries the {@code errorType} and {@code errorMessage} Lambda reports; the
 * cause is the handler's own exception when there is one.
 */
public class LambdaInvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final String requestId;

    LambdaInvocationException(String errorType, String errorMessage, String requestId, Throwable cause) {
        super(errorType + ": " + errorMessage + " (request " + requestId + ")", cause);
        this.errorType = errorType;
        this.requestId = requestId;
    }

    /** The {@code errorType} Lambda reports, such as {@code Sandbox.Timedout}. */
    public String errorType() {
        return errorType;
    }

    /** The failed invocation's request id. */
    public String requestId() {
        return requestId;
    }
}
