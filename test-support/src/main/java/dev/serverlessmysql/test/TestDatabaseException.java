package dev.serverlessmysql.test;

/** Thrown when the test database cannot be provided; the message says what went wrong and how to fix it. */
public final class TestDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message names the cause and the fix. */
    public TestDatabaseException(String message) {
        super(message);
    }

    /** Creates an exception whose message names the cause and the fix, keeping the original error. */
    public TestDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
