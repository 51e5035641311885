package dev.serverlessmysql.test;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Locale;

/**
 * What one {@link LambdaInvoker} invocation produced: the typed response and the JSON the caller would receive, or
 * the error or timeout as Lambda reports it.
 *
 * @param <O> the handler's response type
 */
public final class InvocationResult<O> {

    /** How an invocation ended. */
    public enum Outcome {
        /** The handler returned and its response serialized. */
        SUCCESS,
        /** The handler, or the JSON binding around it, threw. */
        ERROR,
        /** The handler ran past the function's timeout. */
        TIMEOUT
    }

    private final Outcome outcome;
    private final O response;
    private final String json;
    private final Throwable error;
    private final String errorType;
    private final String errorMessage;
    private final TestContext context;
    private final Duration duration;
    private final Type responseType;
    private volatile String capturedLogs;

    InvocationResult(Outcome outcome, O response, String json, Throwable error, String errorType, String errorMessage,
                     TestContext context, Duration duration, Type responseType) {
        this.outcome = outcome;
        this.response = response;
        this.json = json;
        this.error = error;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.context = context;
        this.duration = duration;
        this.responseType = responseType;
    }

    /** How the invocation ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the handler returned normally. */
    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Whether the handler threw or timed out. */
    public boolean failed() {
        return outcome != Outcome.SUCCESS;
    }

    /** Whether the invocation ran past the timeout. */
    public boolean timedOut() {
        return outcome == Outcome.TIMEOUT;
    }

    /**
     * The handler's response, as it returned it (it has been serialized successfully).
     *
     * @throws LambdaInvocationException when the invocation failed or timed out; its cause is the handler's exception
     */
    public O response() {
        if (outcome != Outcome.SUCCESS) {
            throw new LambdaInvocationException(errorType, errorMessage, context.getAwsRequestId(),
                    outcome == Outcome.TIMEOUT ? null : error);
        }
        return response;
    }

    /**
     * The payload the caller receives, byte for byte as the runtime writes it: the response JSON ({@code null} for a
     * void handler), or the error document of a failed invocation ({@code errorMessage}, {@code errorType},
     * {@code stackTrace}: the handler's frames down to the one the runtime called, escaped as the runtime's Gson
     * escapes them). A timed-out invocation gets the document Lambda itself reports ({@code errorMessage},
     * {@code errorType} {@code Sandbox.Timedout}), which no Java runtime writes.
     */
    public String json() {
        return json;
    }

    /** The response JSON read back into {@code type} with the runtime's serializer, as a caller in Java would. */
    @SuppressWarnings("unchecked")
    public <T> T jsonAs(Class<T> type) {
        response();
        return (T) RuntimeJson.fromJson(json, type);
    }

    /** The handler's exception (unwrapped), or a {@link LambdaInvocationException} for a timeout; null on success. */
    public Throwable error() {
        return error;
    }

    /** The {@code errorType} Lambda reports, such as {@code java.lang.IllegalStateException} or {@code Sandbox.Timedout}. */
    public String errorType() {
        return errorType;
    }

    /** The {@code errorMessage} Lambda reports. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The {@code X-Amz-Function-Error} header of the Invoke API: {@code Unhandled} for a failure, else null. */
    public String functionError() {
        return outcome == Outcome.SUCCESS ? null : "Unhandled";
    }

    /** The context the handler got. */
    public TestContext context() {
        return context;
    }

    /** The invocation's request id. */
    public String requestId() {
        return context.getAwsRequestId();
    }

    /** How long the invocation took, JSON binding included. */
    public Duration duration() {
        return duration;
    }

    /**
     * What the handler logged during this invocation (and the timeout line Lambda adds); for an invocation in a
     * {@link SimulatedContainer}, also what the container printed to {@code System.out} and {@code System.err}.
     */
    public String logs() {
        String captured = capturedLogs;
        return captured != null ? captured : context.logs();
    }

    InvocationResult<O> withLogs(String logs) {
        this.capturedLogs = logs;
        return this;
    }

    /** Lambda's closing log line for the invocation. */
    public String reportLine() {
        double ms = duration.toNanos() / 1_000_000.0;
        return String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB%s",
                requestId(), ms, (long) Math.ceil(ms), context.getMemoryLimitInMB(), timedOut() ? "\tStatus: timeout" : "");
    }

    Type responseType() {
        return responseType;
    }

    @Override
    public String toString() {
        return "InvocationResult[" + outcome + " " + requestId() + " in " + duration.toMillis() + " ms"
                + (outcome == Outcome.SUCCESS ? "" : ": " + errorType + ": " + errorMessage) + "]";
    }
}
