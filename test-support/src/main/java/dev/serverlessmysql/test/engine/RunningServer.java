package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;

/**
 * One running test server, whichever engine provides it: where it listens, how to log in as its administrator and
 * what it reports as its version. Internal to the test support; tests use {@link dev.serverlessmysql.test.MySqlServer}.
 */
public interface RunningServer {

    /** The engine that provides this server. */
    Engine engine();

    /** The host name or address clients connect to. */
    String host();

    /** The TCP port clients connect to. */
    int port();

    /** The administrator's user name. */
    String adminUser();

    /** The administrator's password, empty for none. */
    String adminPassword();

    /** The version string the server reports. */
    String version();

    /** A {@code jdbc:mariadb:} URL for {@code database}, which may be empty for none. */
    default String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + database;
    }

    /** Whether the server answers, as far as this JVM can tell without a query. */
    boolean isRunning();

    /** Stops the server for good (when it is ours) and removes everything it left on disk. */
    void close();
}
