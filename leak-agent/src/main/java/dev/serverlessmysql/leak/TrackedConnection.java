package dev.serverlessmysql.leak;

import java.sql.Connection;

/**
 * A connection handed to user or client code at an instrumented call site: one borrow. Closed when its
 * {@code close()} ran (a pool may keep the object open for the next borrower) or when it says it is closed.
 */
final class TrackedConnection {

    final Connection connection;
    final CallSite site;
    final Frame caller;
    final String thread;
    volatile boolean closeCalled;

    TrackedConnection(Connection connection, CallSite site, Frame caller, String thread) {
        this.connection = connection;
        this.site = site;
        this.caller = caller;
        this.thread = thread;
    }

    Frame opener() {
        return site.frame();
    }

    /** The Lambda handler class that asked for the connection, or {@code null}. */
    String handler() {
        return site.handler();
    }

    boolean isClosed() {
        if (closeCalled) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (Throwable e) {
            return true;
        }
    }
}
