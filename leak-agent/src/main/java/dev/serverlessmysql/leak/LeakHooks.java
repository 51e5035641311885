package dev.serverlessmysql.leak;

/**
 * The methods that instrumented code calls. Public because classes in any package call them; not an API.
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
            // never break the code under test
        }
    }

    /** Called just before a {@code Driver.connect} method returns {@code returned}. */
    public static void returned(Object returned, Object source) {
        LeakTracker t = LeakTracker.instance();
        if (t == null || returned == null) {
            return;
        }
        try {
            t.opened(returned, source);
        } catch (Throwable e) {
            // never break the code under test
        }
    }

    /** Called on entry to a client's methods. */
    public static void clientEntered(Object client) {
        LeakTracker t = LeakTracker.instance();
        if (t != null) {
            t.clientEntered(client);
        }
    }
}
