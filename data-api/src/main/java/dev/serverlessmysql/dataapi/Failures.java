package dev.serverlessmysql.dataapi;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Classifies what went wrong with one Data API call, the one place that reads the SDK's exceptions: what kind of
 * failure it is (which decides whether {@link Caller} may retry) and which MySQL error code and SQLState the
 * service's message carries.
 */
final class Failures {

    /** What a failed call means for retrying it. */
    enum Kind {
        /** The cluster was paused and is resuming: nothing ran; retry after a pause. */
        RESUMING,
        /** Rate exceeded: nothing ran; retry after a pause. */
        THROTTLED,
        /** The service or the writer was unavailable (5xx): a write may or may not have run. */
        UNAVAILABLE,
        /** The endpoint refused the connection: nothing was sent; retry after a pause (an unknown host is not retried). */
        CONNECT,
        /** No answer: the request may or may not have reached the service. */
        NETWORK,
        /** The statement ran past the call's time limit: a write may have been applied. */
        TIMEOUT,
        /** A deadlock or lock wait timeout: the server rolled back the statement (or the whole transaction). */
        DEADLOCK,
        /** The transaction id is unknown: expired, ended, or aborted by an earlier error. */
        TRANSACTION_GONE,
        /** Anything else: an SQL error, a bad request, missing rights. */
        OTHER
    }

    private static final Pattern[] CODES = {
        Pattern.compile("Database error code: (\\d+)\\. Message: ", Pattern.DOTALL),
        Pattern.compile("Error code: (\\d+); SQLState: ([0-9A-Z]{5})"),
        Pattern.compile("\\(errno (\\d+)\\) \\(sqlstate ([0-9A-Z]{5})\\)"),
        Pattern.compile("ERROR (\\d+) \\(([0-9A-Z]{5})\\)"),
    };

    private Failures() {
    }

    static Kind kind(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return Kind.TIMEOUT;
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException s = (AwsServiceException) e;
            String type = type(s);
            if ("DatabaseResumingException".equals(type)) {
                return Kind.RESUMING;
            }
            if (s.isThrottlingException()) {
                return Kind.THROTTLED;
            }
            if ("StatementTimeoutException".equals(type)) {
                return Kind.TIMEOUT;
            }
            if ("TransactionNotFoundException".equals(type) || message(s).matches("(?s).*Transaction \\S+ (is not|isn't) found.*")) {
                return Kind.TRANSACTION_GONE;
            }
            if (s.statusCode() >= 500 || "ServiceUnavailableError".equals(type)
                    || "DatabaseUnavailableException".equals(type)) {
                return Kind.UNAVAILABLE;
            }
            int code = errorCode(message(s));
            return code == 1213 || code == 1205 ? Kind.DEADLOCK : Kind.OTHER;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return Kind.OTHER;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
                return Kind.CONNECT;
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return Kind.NETWORK;
            }
        }
        return Kind.OTHER;
    }

    /** The service's error type ({@code DatabaseErrorException}...), or null for a client-side failure. */
    static String type(SdkException e) {
        if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null) {
            return ((AwsServiceException) e).awsErrorDetails().errorCode();
        }
        return null;
    }

    static int status(SdkException e) {
        return e instanceof AwsServiceException ? ((AwsServiceException) e).statusCode() : 0;
    }

    /** The service's message without the SDK's request details, or the client exception's message. */
    static String message(SdkException e) {
        if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null
                && ((AwsServiceException) e).awsErrorDetails().errorMessage() != null) {
            return ((AwsServiceException) e).awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** The MySQL error code in a service message, or 0. */
    static int errorCode(String message) {
        for (Pattern p : CODES) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** The SQLState in a service message, or null when it carries none. */
    static String sqlState(String message) {
        for (Pattern p : CODES) {
            Matcher m = p.matcher(message);
            if (m.find() && m.groupCount() >= 2) {
                return m.group(2);
            }
        }
        return null;
    }
}
