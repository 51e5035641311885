package dev.serverlessmysql.test.container;

import java.util.Map;
import java.util.Objects;

/**
 * The environment variables of one simulated Lambda container: {@code LambdaSimulator} redirects every
 * {@code System.getenv} call in the classes a container loads to this class. Each container defines its own copy of
 * it, so the variables below are that container's alone; the JVM's real environment is never read or changed.
 * Application code should not call it directly: {@code System.getenv} already ends up here inside a container.
 */
public final class ContainerEnvironment {

    /** Set by the container's class loader right after it defines this copy; never changed afterwards. */
    private static volatile Map<String, String> variables = Map.of();

    private ContainerEnvironment() {
    }

    /** What {@code System.getenv(name)} returns inside the container: the variable's value, or null. */
    public static String getenv(String name) {
        return variables.get(Objects.requireNonNull(name, "name"));
    }

    /** What {@code System.getenv()} returns inside the container: every variable, unmodifiable. */
    public static Map<String, String> getenv() {
        return variables;
    }
}
