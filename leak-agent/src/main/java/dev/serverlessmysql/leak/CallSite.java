package dev.serverlessmysql.leak;

/**
 * A place in user or client code that asks for a connection, known when its class is loaded: reporting a leak
 * costs no stack walk, unless the place is in a jar and the user's own line that called into it is wanted too.
 */
final class CallSite {

    private final Frame frame;
    private final ClassLoader loader;
    private final boolean client;
    private final boolean project;
    private volatile String handler;
    private volatile boolean handlerKnown;

    CallSite(Frame frame, ClassLoader loader, boolean client, boolean project) {
        this.frame = frame;
        this.loader = loader;
        this.client = client;
        this.project = project;
    }

    /** The calling class, method, file and line. */
    Frame frame() {
        return frame;
    }

    /** Whether the calling class is a client, which may keep one connection. */
    boolean client() {
        return client;
    }

    /** Whether the calling class is the project's own (loaded from a directory), not a library jar's. */
    boolean project() {
        return project;
    }

    /** The calling class's name if it is a Lambda handler, else {@code null}; resolved once, when first asked. */
    String handler() {
        if (!handlerKnown) {
            String h = null;
            try {
                Class<?> c = Class.forName(frame.className(), false, loader);
                h = Attribution.isHandler(c) ? c.getName() : null;
            } catch (ClassNotFoundException | LinkageError e) {
                h = null;
            }
            handler = h;
            handlerKnown = true;
        }
        return handler;
    }
}
