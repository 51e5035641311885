package dev.serverlessmysql.chaos;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.SimulationReport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chaos run: the ledger workload on many simulated containers while the {@link FaultInjector} hits the server,
 * then every client quits and the run is audited: acknowledged writes, the invariant, when failures happened, how
 * fast the clients recovered, and what was left behind.
 */
public final class ChaosRun {

    /** A failure this long after the server came back still counts as caused by the downtime. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private final MySqlDatabase db;
    private final ChaosPlan plan;
    private final String driver;

    /**
     * A run of {@code plan} against {@code db}, whose clients connect through {@code driver}.
     *
     * @param driver {@code mysql} (MySQL Connector/J) or {@code mariadb} (MariaDB Connector/J)
     */
    public ChaosRun(MySqlDatabase db, ChaosPlan plan, String driver) {
        this.db = db;
        this.plan = plan;
        this.driver = driver;
    }

    /**
     * Runs the load with the faults and audits the outcome. The database must hold no bank yet, and its dedicated
     * server must run with {@link ChaosPlan#MAX_CONNECTIONS_VARIABLE}, {@link ChaosPlan#WAIT_TIMEOUT_VARIABLE} and
     * {@link ChaosPlan#LOCK_WAIT_VARIABLE}.
     */
    public ChaosResult run() throws SQLException, InterruptedException {
        Bank bank = new Bank(plan.accounts(), plan.seed());
        bank.open(db.dataSource());
        ThreadLeaks threads = ThreadLeaks.snapshot();
        long started = System.nanoTime();
        Outcomes outcomes = new Outcomes();
        String url = db.jdbcUrl(driver);
        LambdaSimulator<Integer> simulator = LambdaSimulator
                .<Integer>forHandler(() -> new TransferHandler(url, db.user(), db.password(), plan, bank, outcomes))
                .containers(plan.containers()).concurrency(plan.concurrency()).invocations(plan.invocations())
                .event(i -> i)
                // with a think time the simulator draws its freeze decision second: its first draw per invocation
                // comes from sequentially seeded java.util.Random and never falls below ~0.58, so no freeze would happen
                .thinkTime(Duration.ZERO, Duration.ofMillis(2))
                .freezes(plan.freezeProbability(), Duration.ofSeconds(ChaosPlan.WAIT_TIMEOUT_SECONDS + 1L))
                .timeout(Duration.ofSeconds(15))
                .maxRunTime(Duration.ofMinutes(30))
                .seed(plan.seed());
        FaultInjector injector = new FaultInjector(db, plan,
                () -> outcomes.attemptedCount() / (double) plan.invocations());
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
        int sessions = sessionsAfterQuit();
        List<String> leakedThreads = threads.leakedAfter(Duration.ofSeconds(10));
        Bank.Audit audit = bank.audit(db.adminDataSource(), db.name());
        return result(report, outcomes, injector, audit, sessions, leakedThreads, started);
    }

    private ChaosResult result(SimulationReport report, Outcomes outcomes, FaultInjector injector, Bank.Audit audit,
            int sessions, List<String> leakedThreads, long started) {
        Map<Integer, Outcomes.Ack> acks = outcomes.acks();
        Set<Integer> ledger = audit.ledger();
        int lost = (int) acks.keySet().stream().filter(id -> !ledger.contains(id)).count();
        int appliedUnacknowledged = (int) ledger.stream().filter(id -> !acks.containsKey(id)).count();

        List<FaultInjector.DownWindow> windows = injector.downWindows();
        long slack = plan.retryDeadline().plus(SLACK).toNanos();
        List<String> unexplained = new ArrayList<>();
        int whileDown = 0;
        for (Outcomes.Failure f : outcomes.failures()) {
            boolean explained = windows.stream()
                    .anyMatch(w -> f.failedNanos() >= w.downNanos() && f.failedNanos() - w.upNanos() <= slack);
            if (explained) {
                whileDown++;
            } else {
                unexplained.add("transfer " + f.transfer() + " at +" + (f.failedNanos() - started) / 1_000_000 + " ms: "
                        + f.error());
            }
        }
        report.failures().stream().filter(f -> f.phase() != SimulationReport.Phase.INVOKE)
                .forEach(f -> unexplained.add("failed outside the handler: " + f));

        List<Duration> recoveries = new ArrayList<>();
        for (FaultInjector.DownWindow w : windows) {
            acks.values().stream().mapToLong(Outcomes.Ack::ackedNanos).filter(t -> t > w.upNanos()).min()
                    .ifPresent(t -> recoveries.add(Duration.ofNanos(t - w.upNanos())));
        }

        Map<Fault, Integer> faults = new EnumMap<>(injector.injected());
        faults.put(Fault.IDLE_PAST_WAIT_TIMEOUT, report.freezes());
        faults.put(Fault.DEADLOCK, outcomes.deadlockCount());
        List<String> skipped = new ArrayList<>(injector.skipped());
        if (injector.crashesNotReached() > 0) {
            skipped.add(injector.crashesNotReached() + " crashes not reached before the load ended");
        }
        return new ChaosResult(plan, faults, report.invocations(), report.failed(), whileDown, acks.size(), lost,
                appliedUnacknowledged, outcomes.retriedAfterLossCount(), outcomes.confirmedByLedgerCount(),
                audit.invariantHolds(), recoveries, leakedThreads, sessions, unexplained, skipped,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The application user's sessions once every client quit; a closed session leaves the list within moments. */
    private int sessionsAfterQuit() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int count;
        while ((count = db.server().sessionCount(db.user())) > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
        return count;
    }
}
