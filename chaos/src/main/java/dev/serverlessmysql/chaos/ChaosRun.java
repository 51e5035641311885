package dev.serverlessmysql.chaos;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.NetworkFaults;
import dev.serverlessmysql.test.SimulationReport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chaos run: the ledger workload on many simulated containers, connected through a faulty network to a writer
 * and a standby, while the {@link FaultInjector} hits them; then every client quits and the run is audited:
 * acknowledged writes, the invariant on each server, when failures happened, how fast the clients recovered, and
 * what was left behind.
 */
public final class ChaosRun {

    /** A failure this long after a fault ended still counts as caused by it. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final MySqlDatabase db;
    private final NetworkFaults network;
    private final ChaosPlan plan;
    private final String driver;

    /**
     * A run of {@code plan} against {@code db}, whose clients connect through {@code network} with {@code driver}.
     *
     * @param driver {@code mysql} (MySQL Connector/J) or {@code mariadb} (MariaDB Connector/J)
     */
    public ChaosRun(MySqlDatabase db, NetworkFaults network, ChaosPlan plan, String driver) {
        this.db = db;
        this.network = network;
        this.plan = plan;
        this.driver = driver;
    }

    /**
     * Runs the load with the faults and audits the outcome. The database (and the network's standby) must hold no bank
     * yet, and the dedicated server must run with {@link ChaosPlan#MAX_CONNECTIONS_VARIABLE},
     * {@link ChaosPlan#WAIT_TIMEOUT_VARIABLE} and {@link ChaosPlan#LOCK_WAIT_VARIABLE}.
     */
    public ChaosResult run() throws SQLException, InterruptedException {
        Bank bank = new Bank(plan.accounts(), plan.seed());
        // the standby costs a server start, so it exists only when the plan fails over
        Cluster cluster = new Cluster(db, plan.failovers() > 0 ? network.standby() : null, network);
        for (MySqlDatabase server : cluster.servers()) {
            bank.open(server.dataSource());
        }
        cluster.prepare();
        ThreadLeaks threads = ThreadLeaks.snapshot();
        long started = System.nanoTime();
        Outcomes outcomes = new Outcomes();
        String url = network.jdbcUrl(driver);
        LambdaSimulator<Integer> simulator = LambdaSimulator
                .<Integer>forHandler(() -> new TransferHandler(url, db.user(), db.password(), plan, bank, outcomes))
                .containers(plan.containers()).concurrency(plan.concurrency()).invocations(plan.invocations())
                .event(i -> i)
                // with a think time the simulator draws its freeze decision second: its first draw per invocation
                // comes from sequentially seeded java.util.Random and never falls below ~0.58, so no freeze would happen
                .thinkTime(Duration.ZERO, Duration.ofMillis(2))
                .freezes(plan.freezeProbability(), Duration.ofSeconds(ChaosPlan.WAIT_TIMEOUT_SECONDS + 1L))
                .timeout(plan.functionTimeout())
                .maxRunTime(Duration.ofMinutes(30))
                .seed(plan.seed());
        FaultInjector injector = new FaultInjector(cluster, plan, () -> outcomes.attemptedCount() / (double) plan.invocations());
        Thread injecting = new Thread(injector, "chaos-fault-injector");
        injecting.start();
        SimulationReport report;
        try {
            report = simulator.run();
        } finally {
            injector.stop();
            injecting.join();
        }
        for (ServerlessMysql client : outcomes.clients()) {
            client.quit();
        }
        int sessions = 0;
        for (MySqlDatabase server : cluster.servers()) {
            sessions += sessionsAfterQuit(server);
        }
        List<String> leakedThreads = threads.leakedAfter(Duration.ofSeconds(10));
        cluster.release();
        List<Bank.Audit> audits = new ArrayList<>();
        for (MySqlDatabase server : cluster.servers()) {
            audits.add(bank.audit(server.adminDataSource(), server.name()));
        }
        return result(report, outcomes, injector, audits, sessions, leakedThreads, started);
    }

    private ChaosResult result(SimulationReport report, Outcomes outcomes, FaultInjector injector, List<Bank.Audit> audits,
            int sessions, List<String> leakedThreads, long started) {
        Map<Integer, Outcomes.Ack> acks = outcomes.acks();
        Set<Integer> ledger = new HashSet<>();
        Set<Integer> onBoth = new HashSet<>();
        for (Bank.Audit audit : audits) {
            for (int id : audit.ledger()) {
                if (!ledger.add(id)) {
                    onBoth.add(id);
                }
            }
        }
        int lost = (int) acks.keySet().stream().filter(id -> !ledger.contains(id)).count();
        int appliedUnacknowledged = (int) ledger.stream().filter(id -> !acks.containsKey(id)).count();
        boolean invariant = audits.stream().allMatch(Bank.Audit::invariantHolds);

        List<FaultInjector.Window> windows = injector.windows();
        List<String> unexplained = new ArrayList<>();
        Map<Fault, Integer> failuresByFault = new EnumMap<>(Fault.class);
        List<Duration> timesToException = new ArrayList<>();
        for (Outcomes.Failure f : outcomes.failures()) {
            // the latest fault that excuses it: a crash right after a failover is the crash's, not the failover's
            FaultInjector.Window cause = windows.stream().filter(w -> excuses(w, f.failedNanos()))
                    .max(Comparator.comparingLong(FaultInjector.Window::startNanos)).orElse(null);
            if (cause == null) {
                unexplained.add("transfer " + f.transfer() + " at +" + (f.failedNanos() - started) / 1_000_000 + " ms: "
                        + f.error());
                continue;
            }
            failuresByFault.merge(cause.fault(), 1, Integer::sum);
            if (cause.fault() == Fault.BLACKHOLE) {
                // from the black hole's start, or from the invocation's if it began inside the black hole
                timesToException.add(Duration.ofNanos(f.failedNanos() - Math.max(cause.startNanos(), f.startedNanos())));
            }
        }
        report.failures().stream().filter(f -> f.phase() != SimulationReport.Phase.INVOKE)
                .forEach(f -> unexplained.add("failed outside the handler: " + f));

        Map<Fault, Integer> faults = new EnumMap<>(injector.injected());
        faults.put(Fault.IDLE_PAST_WAIT_TIMEOUT, report.freezes());
        faults.put(Fault.DEADLOCK, outcomes.deadlockCount());
        List<String> skipped = new ArrayList<>(injector.skipped());
        injector.notReached().forEach((fault, n) -> skipped.add(n + " of " + fault + " not reached before the load ended"));
        int explained = failuresByFault.values().stream().mapToInt(Integer::intValue).sum();
        return new ChaosResult(plan, faults, report.invocations(), report.failed(), explained, failuresByFault,
                acks.size(), lost, appliedUnacknowledged, onBoth.size(), outcomes.retriedAfterLossCount(),
                outcomes.confirmedByLedgerCount(), invariant, recoveries(windows, acks, Fault.CRASH_RESTART),
                recoveries(windows, acks, Fault.FAILOVER), recoveries(windows, acks, Fault.BLACKHOLE), timesToException,
                leakedThreads, sessions, unexplained, skipped, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Whether a failure at {@code nanos} falls in a fault's window, or soon enough after it to be its consequence. */
    private boolean excuses(FaultInjector.Window w, long nanos) {
        Duration after = switch (w.fault()) {
            // the server was down: the client retries until its deadline, then gives up
            case CRASH_RESTART, FAILOVER -> plan.retryDeadline().plus(SLACK);
            // an invocation caught in a black hole fails at the latest when its time is up
            case BLACKHOLE -> plan.functionTimeout().plus(SLACK);
            // latency is no excuse: everything must still work
            default -> null;
        };
        return after != null && nanos >= w.startNanos() && nanos - w.endNanos() <= after.toNanos();
    }

    /** Per window of {@code fault}, from its end to the first transfer acknowledged after it. */
    private static List<Duration> recoveries(List<FaultInjector.Window> windows, Map<Integer, Outcomes.Ack> acks, Fault fault) {
        List<Duration> out = new ArrayList<>();
        for (FaultInjector.Window w : windows) {
            if (w.fault() == fault) {
                acks.values().stream().mapToLong(Outcomes.Ack::ackedNanos).filter(t -> t > w.endNanos()).min()
                        .ifPresent(t -> out.add(Duration.ofNanos(t - w.endNanos())));
            }
        }
        return out;
    }

    /** The application user's sessions once every client quit; a closed session leaves the list within moments. */
    private int sessionsAfterQuit(MySqlDatabase server) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int count;
        while ((count = server.server().sessionCount(server.user())) > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
        return count;
    }
}
