package dev.serverlessmysql.leak;

import java.util.List;

/**
 * One connection-leak finding, as facts: the plugin words the message.
 *
 * @param kind what rule was broken
 * @param testClass the test class that was running (for a pool or client, the one that built it)
 * @param testMethod the test method, or {@code null} for class-level code such as {@code @BeforeAll}
 * @param testName the test's display name
 * @param opener where the connection(s) were asked for: the first frame outside the known libraries, or
 *     {@code null} when unknown
 * @param caller the project's own line that called into a library jar holding {@code opener}, or {@code null}
 *     when {@code opener} is the project's own code
 * @param thread the thread that opened the connection(s)
 * @param openCount how many connections were still open
 * @param handler the Lambda handler class involved, or {@code null}
 * @param owner the pool or client class ({@code com.zaxxer.hikari.HikariDataSource@1a2b}), or {@code null}
 * @param builtAt the line that built the pool or client, or {@code null}
 * @param size a pool's configured maximum size, or -1 when unknown or not a pool
 * @param instances how many pools or clients built at {@code builtAt} were open at once (1 for other kinds)
 * @param testOpenTotal how many connections the test left open in all, over every place
 */
public record LeakViolation(Kind kind, String testClass, String testMethod, String testName, Frame opener,
        Frame caller, String thread, int openCount, String handler, String owner, Frame builtAt, int size,
        int instances, int testOpenTotal) {

    /** The rules. */
    public enum Kind {
        /** A connection opened during a test, outside a pool or client, was still open when the test ended. */
        LEAKED_CONNECTION,
        /** A Lambda handler opened a new connection on several invocations and closed none. */
        HANDLER_CONNECTION_PER_INVOCATION,
        /** One client held more than one open connection. */
        CLIENT_MULTIPLE_CONNECTIONS,
        /** One pool held, or may hold, more than one connection: more than one per Lambda container. */
        POOL_MULTIPLE_CONNECTIONS,
        /** A new pool or client was built per invocation or test and never closed: they pile up on the server. */
        OWNER_PER_INVOCATION
    }

    /** {@code com.example.FooTest#bar}, or just the class for class-level code. */
    public String test() {
        return testMethod == null ? testClass : testClass + "#" + testMethod;
    }
}
