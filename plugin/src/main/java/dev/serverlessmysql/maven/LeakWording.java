package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.Frame;
import dev.serverlessmysql.leak.LeakViolation;

/**
 * The words of a connection-leak finding: what was left open, where, and the fix. The agent records facts only;
 * the wording lives here, in one place.
 */
final class LeakWording {

    static final String CLIENT = "dev.serverlessmysql.ServerlessMysql";

    private LeakWording() {
    }

    /** The label in brackets after the test. */
    static String kind(LeakViolation.Kind k) {
        return switch (k) {
            case LEAKED_CONNECTION -> "connection leaked";
            case HANDLER_CONNECTION_PER_INVOCATION -> "handler opens a connection per invocation";
            case CLIENT_MULTIPLE_CONNECTIONS -> "client holds more than one connection";
            case POOL_MULTIPLE_CONNECTIONS -> "pool holds more than one connection per Lambda container";
            case OWNER_PER_INVOCATION -> "new pool or client per invocation, never closed";
        };
    }

    /** The first line: the test, how many, and the kind. */
    static String headline(LeakViolation v) {
        return v.test() + ": " + count(v.openCount()) + " left open [" + kind(v.kind()) + "]";
    }

    /** {@code opened at X on thread 'main'}, with the project's line when the opener is in a library. */
    static String where(LeakViolation v) {
        Frame at = v.kind() == LeakViolation.Kind.POOL_MULTIPLE_CONNECTIONS
                || v.kind() == LeakViolation.Kind.OWNER_PER_INVOCATION ? v.builtAt() : v.opener();
        String verb = at == v.builtAt() && at != null ? "built at " : "opened at ";
        StringBuilder b = new StringBuilder(verb).append(at == null ? "unknown code" : at.toString());
        if (v.caller() != null) {
            b.append(", called from your code at ").append(v.caller());
        }
        if (v.thread() != null) {
            b.append(" on thread '").append(v.thread()).append('\'');
        }
        return b.toString();
    }

    /** One sentence of what happened and the fix. */
    static String detail(LeakViolation v) {
        String also = v.testOpenTotal() > v.openCount() ? " This test left " + v.testOpenTotal()
                + " connections open in all." : "";
        return switch (v.kind()) {
            case LEAKED_CONNECTION -> count(v.openCount()) + " opened"
                    + (v.handler() != null ? " in Lambda handler " + v.handler() : "")
                    + " still open when the test ended. Close it with try-with-resources, or let a client that keeps"
                    + " one connection across invocations (" + CLIENT + ") own it." + also;
            case HANDLER_CONNECTION_PER_INVOCATION -> "Lambda handler " + v.handler() + " opened a new connection on "
                    + v.openCount() + " invocations and closed none. Open the connection once outside handleRequest"
                    + " and reuse it (" + CLIENT + " does this), or close it with try-with-resources." + also;
            case CLIENT_MULTIPLE_CONNECTIONS -> v.owner() + " holds " + v.openCount() + " open connections. A client"
                    + " may keep one connection across invocations, never more: close the old connection before"
                    + " opening a new one, or share one client per container.";
            case POOL_MULTIPLE_CONNECTIONS -> "pool " + v.owner() + (v.size() > 0 ? " (maximum size " + v.size() + ")"
                    : "") + " holds " + count(v.openCount()) + " open. A Lambda container runs one invocation at a"
                    + " time, so every connection past the first only holds a session on the server, and "
                    + "hundreds of containers exhaust max_connections. Fix: a pool of one (HikariCP:"
                    + " setMaximumPoolSize(1); MariaDB's pool: maxPoolSize=1), or " + CLIENT + ".";
            case OWNER_PER_INVOCATION -> v.instances() + " instances of " + v.owner() + ", all built at "
                    + (v.builtAt() == null ? "the same line" : v.builtAt().location())
                    + (v.handler() != null ? " in Lambda handler " + v.handler() : "") + ", were open at once, holding "
                    + count(v.openCount()) + ": a new one per invocation or test, never closed, so the sessions pile"
                    + " up on the server. Build it once per container (a static field, or the handler's"
                    + " constructor) and reuse it, or close it when the invocation ends.";
        };
    }

    /** One finding, several lines, for the failure message. */
    static String leak(LeakViolation v) {
        return "  " + headline(v) + "\n    " + where(v) + "\n    " + detail(v);
    }

    private static String count(int n) {
        return n + (n == 1 ? " connection" : " connections");
    }
}
