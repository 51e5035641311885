package dev.serverlessmysql.chaos;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The size of a chaos run and how hard it is hit: load (containers, concurrency, invocations, accounts), the client's
 * deadline, the function's timeout, and the faults (kills per second, crashes, connection-limit drops, freezes past
 * {@code wait_timeout}, black holes, latency and failovers).
 *
 * @param name short or long, printed with the figures
 * @param containers simulated Lambda execution environments, each with its own client
 * @param concurrency invocations running at once
 * @param invocations transfers attempted in all
 * @param accounts accounts transfers move money between; few accounts make opposite-order deadlocks common
 * @param killsPerSecond external KILLs of idle and busy sessions, on average
 * @param crashes server crashes (SIGKILL, then a restart), spread over the middle of the run
 * @param downTime how long the server stays down after each crash, before its restart begins
 * @param limitDrops times {@code max_connections} is lowered on the fly, and restored later
 * @param loweredMaxConnections the lowered limit
 * @param freezeProbability share of invocations after which the container freezes past {@code wait_timeout}
 * @param retryDeadline the client's retry deadline, which bounds how long a failure may outlast the server's downtime
 * @param functionTimeout the simulated function's timeout, which the client reads as the invocation's remaining time
 * @param blackholes times the network path is black-holed
 * @param blackholeTime how long each black hole lasts: longer than the function's timeout, so that clients must give up
 * @param latencySpells times every packet is delayed for a while
 * @param latency the delay of each chunk, in each direction
 * @param latencyTime how long each latency spell lasts
 * @param failovers times the writer role moves to the other server (every second one moves it back)
 * @param seed seed of every random choice
 */
public record ChaosPlan(String name, int containers, int concurrency, int invocations, int accounts,
        double killsPerSecond, int crashes, Duration downTime, int limitDrops, int loweredMaxConnections,
        double freezeProbability, Duration retryDeadline, Duration functionTimeout, int blackholes,
        Duration blackholeTime, int latencySpells, Duration latency, Duration latencyTime, int failovers, long seed) {

    /** The server's variables, shared by every plan: a small connection limit and a short {@code wait_timeout}. */
    public static final int MAX_CONNECTIONS = 24;
    /** Seconds an idle session lives; frozen containers sleep past it. */
    public static final int WAIT_TIMEOUT_SECONDS = 2;
    /** The server variable for {@link #MAX_CONNECTIONS}, for {@code @MySqlTest(serverVariables = ...)}. */
    public static final String MAX_CONNECTIONS_VARIABLE = "max_connections=" + MAX_CONNECTIONS;
    /** The server variable for {@link #WAIT_TIMEOUT_SECONDS}. */
    public static final String WAIT_TIMEOUT_VARIABLE = "wait_timeout=" + WAIT_TIMEOUT_SECONDS;
    /** Lock waits end within seconds, so that no invocation waits out its timeout behind a lock. */
    public static final String LOCK_WAIT_VARIABLE = "innodb_lock_wait_timeout=5";
    /** The function's timeout in a run without network faults. */
    public static final Duration ANNOUNCED_FAULTS_TIMEOUT = Duration.ofSeconds(15);

    /**
     * The run CI does on every build: every fault at least once, in well under a minute. Its latency is 100 ms per
     * chunk, so that a cold start under it (a handshake and a transaction, a dozen round trips) fits the 5 s timeout.
     */
    public static ChaosPlan shortRun() {
        return new ChaosPlan("short", 20, 8, 1500, 10, 6, 1, Duration.ofSeconds(2), 1, 14, 0.02,
                Duration.ofMillis(1500), Duration.ofSeconds(5), 1, Duration.ofMillis(5500), 1, Duration.ofMillis(100),
                Duration.ofMillis(1500), 2, 42);
    }

    /**
     * The documented long run: twenty times the invocations, six crashes, five limit drops and six of each network
     * fault, with 200 ms of latency per chunk and a 10 s function timeout that a cold start under it fits.
     */
    public static ChaosPlan longRun() {
        return new ChaosPlan("long", 20, 8, 30000, 10, 6, 6, Duration.ofSeconds(3), 5, 14, 0.02,
                Duration.ofMillis(1500), Duration.ofSeconds(10), 6, Duration.ofSeconds(11), 6, Duration.ofMillis(200),
                Duration.ofSeconds(3), 6, 7);
    }

    /**
     * This plan without black holes, latency and failovers: the faults the server announces, only. The function gets
     * {@link #ANNOUNCED_FAULTS_TIMEOUT}: the short timeout is there so that a black hole outlasts it, and with less
     * time an invocation that waited for room or a lock has no time left to retry a deadlock.
     */
    public ChaosPlan withoutNetworkFaults() {
        return new ChaosPlan(name, containers, concurrency, invocations, accounts, killsPerSecond, crashes, downTime,
                limitDrops, loweredMaxConnections, freezeProbability, retryDeadline, ANNOUNCED_FAULTS_TIMEOUT, 0,
                blackholeTime, 0, latency, latencyTime, 0, seed);
    }

    /**
     * Whether runs include black holes, latency and failovers: yes unless {@code -Dchaos.network=false}, which leaves
     * the faults the server announces only (to tell a network-fault regression from another).
     */
    public static boolean networkFaults() {
        return !"false".equalsIgnoreCase(System.getProperty("chaos.network", "true"));
    }

    /** The faults this plan injects or provokes at least once. */
    public Set<Fault> expectedFaults() {
        Set<Fault> out = EnumSet.of(Fault.KILL_IDLE, Fault.KILL_BUSY, Fault.DEADLOCK);
        addIf(out, crashes, Fault.CRASH_RESTART);
        addIf(out, limitDrops, Fault.LIMIT_DROP);
        addIf(out, freezeProbability > 0 ? 1 : 0, Fault.IDLE_PAST_WAIT_TIMEOUT);
        addIf(out, blackholes, Fault.BLACKHOLE);
        addIf(out, latencySpells, Fault.LATENCY);
        addIf(out, failovers, Fault.FAILOVER);
        return out;
    }

    private static void addIf(Set<Fault> faults, int count, Fault fault) {
        if (count > 0) {
            faults.add(fault);
        }
    }
}
