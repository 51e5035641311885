package dev.serverlessmysql.test.engine;

import java.util.List;

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

    /**
     * Stops the server cleanly and starts it again with {@code options} (such as {@code innodb-read-only}) added to its
     * own startup options, for this and every later start, until the next call.
     */
    void restartWith(List<String> options);
}
