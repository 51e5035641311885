package dev.serverlessmysql.leak;

import java.util.List;

/**
 * One connection-leak finding.
 *
 * @param kind what rule was broken
 * @param testClass the test class that was running
 * @param testMethod the test method, or {@code null} for class-level code such as {@code @BeforeAll}
 * @param testName the test's display name
 * @param opener the user-code frame that asked for the connection(s), or {@code null} when unknown
 * @param thread the thread that opened the connection(s)
 * @param openCount how many connections from this place were still open
 * @param detail a one-line explanation with the fix
 * @param stack the user-code frames from {@code opener} outwards
 */
public record LeakViolation(Kind kind, String testClass, String testMethod, String testName, Frame opener,
        String thread, int openCount, String detail, List<String> stack) {

    /** The rules. */
    public enum Kind {
        /** A connection opened during a test, outside a client, was still open when the test ended. */
        LEAKED_CONNECTION,
        /** A Lambda handler opened a new connection on several invocations and closed none. */
        HANDLER_CONNECTION_PER_INVOCATION,
        /** One client held more than one open connection. */
        CLIENT_MULTIPLE_CONNECTIONS
    }

    /** {@code com.example.FooTest#bar}, or just the class for class-level code. */
    public String test() {
        return testMethod == null ? testClass : testClass + "#" + testMethod;
    }
}
