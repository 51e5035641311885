package dev.serverlessmysql;

/**
 * SnapStart (CRaC) support, used only when {@code org.crac} is on the classpath. This class names no org.crac type,
 * so the client loads and runs without the optional dependency; {@link CracResource} does.
 */
final class CheckpointSupport {

    private CheckpointSupport() {
    }

    /** Whether the org.crac API is on the classpath. */
    static boolean available() {
        try {
            Class.forName("org.crac.Core", false, CheckpointSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Registers the client's checkpoint hooks; returns the resource, which the client must hold strongly. */
    static Object register(ServerlessMysql client) {
        try {
            return CracResource.register(client);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
