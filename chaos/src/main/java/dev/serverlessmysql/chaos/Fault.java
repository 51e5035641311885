package dev.serverlessmysql.chaos;

/** The kinds of fault a chaos run injects or provokes, as counted in its figures. */
public enum Fault {
    /** An administrator KILLs a session of the application user that sits idle between invocations. */
    KILL_IDLE("KILL of an idle session"),
    /** An administrator KILLs a session of the application user in the middle of a statement. */
    KILL_BUSY("KILL of a busy session"),
    /** The server process is SIGKILLed, stays down a while, and is started again. */
    CRASH_RESTART("server crash and restart"),
    /** {@code max_connections} is lowered below the number of containers, then restored. */
    LIMIT_DROP("max_connections lowered on the fly"),
    /** A container freezes past {@code wait_timeout}, so the server drops its idle session. */
    IDLE_PAST_WAIT_TIMEOUT("container frozen past wait_timeout"),
    /** Two opposite transfers deadlock and the client re-runs the losing transaction. */
    DEADLOCK("deadlock retried by the client"),
    /**
     * The network path to the server is black-holed for a while: nothing passes and nothing is reset, on open and new
     * connections alike, as when an Aurora writer is fenced or a NAT mapping is dropped.
     */
    BLACKHOLE("network black hole"),
    /** Every chunk of bytes is delayed, in each direction, for a while. */
    LATENCY("network latency"),
    /**
     * The writer is demoted ({@code read_only}) and the other server promoted; new connections go to the new writer
     * while open ones stay on the old one, as with stale DNS.
     */
    FAILOVER("failover to the other server");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    /** What the fault is, in words. */
    public String description() {
        return description;
    }
}
