package dev.serverlessmysql.test.engine;

/**
 * A server this JVM runs as a process of its own, which can therefore be stopped, crashed and started again on the
 * same port and data. Servers of other engines (a Docker container maps a new port on every start; an external
 * server is not ours) do not implement it.
 */
public interface ControllableServer extends RunningServer {

    /** Starts the server again after {@link #stop()} or {@link #kill()}, and waits until it answers. */
    void start();

    /** Shuts the server down cleanly. */
    void stop();

    /** Ends the server process at once, as a crash would. */
    void kill();
}
