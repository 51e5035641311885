package dev.serverlessmysql.leak;

/**
 * The methods that instrumented code calls. Public because classes in any package call them; not an API. A hook
 * never throws into the code under test: a failure is recorded, and the check then fails closed.
 */
public final class LeakHooks {

    private LeakHooks() {
    }

    /** Called at a call site in user or client code with what a getConnection/connect call returned. */
    public static void atSite(Object returned, Object receiver, int site) {
        LeakTracker t = LeakTracker.instance();
        if (t == null || returned == null) {
            return;
        }
        try {
            t.atSite(returned, receiver, site);
        } catch (Throwable e) {
            t.hookFailed("atSite", e);
        }
    }

    /** Called just before a driver's {@code connect} method returns {@code returned}: a physical connection. */
    public static void physical(Object returned) {
        LeakTracker t = LeakTracker.instance();
        if (t == null || returned == null) {
            return;
        }
        try {
            t.physical(returned);
        } catch (Throwable e) {
            t.hookFailed("physical", e);
        }
    }

    /** Called on entry to {@code close()} of a class implementing {@code java.sql.Connection}. */
    public static void closing(Object connection) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        try {
            t.closing(connection);
        } catch (Throwable e) {
            t.hookFailed("closing", e);
        }
    }

    /** Called first thing in a constructor of a pool or client class, before {@code this} exists. */
    public static void constructing(String className) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        try {
            t.owners().constructing(className);
        } catch (Throwable e) {
            t.hookFailed("constructing", e);
        }
    }

    /** Called at the end of a constructor of a pool or client class. */
    public static void constructed(Object owner) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        try {
            t.owners().constructed(owner);
        } catch (Throwable e) {
            t.hookFailed("constructed", e);
        }
    }

    /** Called on entry to the instance methods of pool and client classes. */
    public static void ownerEntered(Object owner) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        try {
            t.owners().entered(owner);
        } catch (Throwable e) {
            t.hookFailed("ownerEntered", e);
        }
    }

    /** Called on entry to {@code close()}, {@code quit()} or {@code shutdown()} of pool and client classes. */
    public static void ownerClosing(Object owner) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        try {
            t.owners().closing(owner);
        } catch (Throwable e) {
            t.hookFailed("ownerClosing", e);
        }
    }
}
