package dev.serverlessmysql.test;

/** One running test server, whichever engine provides it. */
interface ServerProcess {

    Engine engine();

    String host();

    int port();

    String adminUser();

    String adminPassword();

    /** The version string the server reports. */
    String version();

    /** A {@code jdbc:mariadb:} URL for {@code database}, which may be empty for none. */
    default String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + database;
    }

    boolean isRunning();

    /** Starts the server again after {@link #stop()} or {@link #kill()}, and waits until it answers. */
    void start();

    /** Shuts the server down cleanly. */
    void stop();

    /** Ends the server process at once, as a crash would. */
    void kill();

    /**
     * Stops the server cleanly and starts it again with {@code options} (such as {@code innodb-read-only}) added to its
     * own startup options, for this and every later start, until the next call; engines that cannot restart in place
     * refuse.
     */
    default void restartWith(java.util.List<String> options) {
        throw new TestDatabaseException("The " + engine().id() + " engine cannot restart a server with other startup options."
                + " Run this test on a process engine: -Dserverlessmysql.test.engine=embedded or local.");
    }

    /** Stops the server for good and removes everything it left on disk. */
    void close();
}
