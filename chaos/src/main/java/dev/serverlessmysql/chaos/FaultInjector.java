package dev.serverlessmysql.chaos;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Hits the servers from outside while the load runs, on a thread of its own: KILLs of the application user's idle and
 * busy sessions at random moments, and, at random points in the middle of the run, {@code max_connections} lowered and
 * restored, crashes followed by restarts, black holes, latency and failovers. One fault at a time; it remembers when
 * each one lasted.
 */
final class FaultInjector implements Runnable {

    /** When a fault lasted: a crash from just before the kill until {@code start()} returned, a black hole until heal. */
    record Window(Fault fault, long startNanos, long endNanos) {
    }

    /** A fault planned at a share of the run's progress. */
    private record Planned(double at, Fault fault) {
    }

    private static final String SESSIONS_SQL = "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND COMMAND = ?";
    private static final long LIMIT_DROP_NANOS = TimeUnit.MILLISECONDS.toNanos(2500);

    private final Cluster cluster;
    private final ChaosPlan plan;
    private final DoubleSupplier progress;
    private final SplittableRandom random;
    private final List<Planned> planned = new ArrayList<>();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final List<Window> windows = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private volatile boolean stopping;
    private long restoreLimitAt;
    private MySqlServer limitLoweredOn;

    /**
     * @param progress the share of the run's invocations started so far, 0 to 1; the planned faults are placed on it
     *     so that they fall in the middle of the load whatever its speed
     */
    FaultInjector(Cluster cluster, ChaosPlan plan, DoubleSupplier progress) {
        this.cluster = cluster;
        this.plan = plan;
        this.progress = progress;
        this.random = new SplittableRandom(plan.seed());
        spread(Fault.CRASH_RESTART, plan.crashes(), 0.3, 0.5);
        spread(Fault.LIMIT_DROP, plan.limitDrops(), 0.1, 0.8);
        spread(Fault.BLACKHOLE, plan.blackholes(), 0.15, 0.7);
        spread(Fault.LATENCY, plan.latencySpells(), 0.15, 0.7);
        spread(Fault.FAILOVER, plan.failovers(), 0.2, 0.65);
        planned.sort(Comparator.comparingDouble(Planned::at));
    }

    private void spread(Fault fault, int count, double from, double width) {
        for (int i = 0; i < count; i++) {
            planned.add(new Planned(from + width * (i + random.nextDouble()) / count, fault));
        }
    }

    /** Asks the injector to finish: it restores the connection limit and the network, and returns. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                pause();
                double p = progress.getAsDouble();
                if (!planned.isEmpty() && p >= planned.get(0).at() && !(limitLoweredOn != null
                        && planned.get(0).fault() == Fault.LIMIT_DROP)) {
                    inject(planned.remove(0).fault());
                } else if (limitLoweredOn != null && System.nanoTime() - restoreLimitAt >= 0) {
                    restoreLimit();
                } else {
                    kill(random.nextBoolean() ? Fault.KILL_IDLE : Fault.KILL_BUSY);
                }
            }
        } finally {
            if (limitLoweredOn != null) {
                restoreLimit();
            }
            cluster.network().heal();
        }
    }

    synchronized Map<Fault, Integer> injected() {
        return new EnumMap<>(injected);
    }

    synchronized List<Window> windows() {
        return new ArrayList<>(windows);
    }

    /** Faults that could not be injected, with the reason: the run's figures say so rather than hide it. */
    synchronized List<String> skipped() {
        return new ArrayList<>(skipped);
    }

    /** Planned faults not reached because the load finished first, per kind. */
    synchronized Map<Fault, Integer> notReached() {
        Map<Fault, Integer> out = new EnumMap<>(Fault.class);
        planned.forEach(p -> out.merge(p.fault(), 1, Integer::sum));
        return out;
    }

    private void inject(Fault fault) {
        switch (fault) {
            case CRASH_RESTART -> crashAndRestart();
            case LIMIT_DROP -> lowerLimit();
            case BLACKHOLE -> spell(Fault.BLACKHOLE, plan.blackholeTime(), () -> cluster.network().blackhole());
            case LATENCY -> spell(Fault.LATENCY, plan.latencyTime(), () -> cluster.network().latency(plan.latency()));
            case FAILOVER -> failover();
            default -> throw new IllegalArgumentException("not a planned fault: " + fault);
        }
    }

    private void pause() {
        // exponential gaps: kills arrive as a Poisson process at killsPerSecond
        double seconds = -Math.log(1 - random.nextDouble()) / plan.killsPerSecond();
        sleep(Duration.ofMillis(Math.max(1, (long) (seconds * 1000))));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void kill(Fault kind) {
        MySqlDatabase db = cluster.writer();
        String command = kind == Fault.KILL_IDLE ? "Sleep" : "Query";
        try (Connection admin = db.adminDataSource().getConnection()) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = admin.prepareStatement(SESSIONS_SQL)) {
                ps.setString(1, db.user());
                ps.setString(2, command);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            long id = ids.get(random.nextInt(ids.size()));
            try (Statement s = admin.createStatement()) {
                // KILL takes no bound parameter; the id is a long read from the process list
                s.execute("KILL " + id);
                count(kind);
            } catch (SQLException e) {
                if (e.getErrorCode() != 1094) {
                    skip(kind, e);
                }
            }
        } catch (SQLException e) {
            skip(kind, e);
        }
    }

    private void lowerLimit() {
        MySqlServer server = cluster.writer().server();
        try {
            server.setGlobal("max_connections", plan.loweredMaxConnections());
            limitLoweredOn = server;
            restoreLimitAt = System.nanoTime() + LIMIT_DROP_NANOS;
            count(Fault.LIMIT_DROP);
        } catch (RuntimeException e) {
            skip(Fault.LIMIT_DROP, e);
        }
    }

    private void restoreLimit() {
        try {
            limitLoweredOn.setGlobal("max_connections", ChaosPlan.MAX_CONNECTIONS);
            limitLoweredOn = null;
        } catch (RuntimeException e) {
            skip(Fault.LIMIT_DROP, e);
            restoreLimitAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        }
    }

    private void crashAndRestart() {
        MySqlServer server = cluster.writer().server();
        long down = System.nanoTime();
        server.crash();
        sleep(plan.downTime());
        try {
            server.start();
        } catch (RuntimeException e) {
            // the rest of the run would only measure a dead server; the audit then reports the failures
            skip(Fault.CRASH_RESTART, e);
            stopping = true;
            return;
        }
        long up = System.nanoTime();
        if (server == limitLoweredOn) {
            // a restart reads max_connections from the command line again
            limitLoweredOn = null;
        }
        record(new Window(Fault.CRASH_RESTART, down, up));
    }

    /** A network fault switched on for {@code length}, then healed. */
    private void spell(Fault fault, Duration length, Runnable on) {
        long start = System.nanoTime();
        on.run();
        sleep(length);
        cluster.network().heal();
        record(new Window(fault, start, System.nanoTime()));
    }

    private void failover() {
        long start = System.nanoTime();
        try {
            cluster.failover();
        } catch (RuntimeException e) {
            skip(Fault.FAILOVER, e);
            return;
        }
        record(new Window(Fault.FAILOVER, start, System.nanoTime()));
    }

    private synchronized void record(Window window) {
        windows.add(window);
        injected.merge(window.fault(), 1, Integer::sum);
    }

    private synchronized void count(Fault kind) {
        injected.merge(kind, 1, Integer::sum);
    }

    private synchronized void skip(Fault kind, Exception e) {
        skipped.add(kind + ": " + e.getMessage());
    }
}
