package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.util.List;
import java.util.Optional;

/** The one small contract every engine implements: can it provide a server here, and how to start (or reach) one. */
interface ServerEngine {

    /** Which engine this is. */
    Engine engine();

    /** Why this engine cannot provide a server on this machine with these settings, or empty when it can. */
    Optional<String> problem();

    /** What to do when this engine was forced but is not available. */
    String fix();

    /** Whether this engine starts servers of its own; dedicated servers need one that does. */
    default boolean startsServers() {
        return true;
    }

    /** A note for the log line about extra work the next start does, such as unpacking binaries; empty for none. */
    default String startNote() {
        return "";
    }

    /**
     * The binaries this engine runs as a process of its own (unpacked first if need be), so that a shared server can be
     * kept between runs; empty for engines that run none (external, docker).
     */
    default Optional<ServerBinaries> processBinaries() {
        return Optional.empty();
    }

    /** Starts a server, or reaches one, with {@code variables} such as {@code max_connections=20} as startup settings. */
    RunningServer launch(List<String> variables);
}
