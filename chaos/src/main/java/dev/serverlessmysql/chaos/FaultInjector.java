package dev.serverlessmysql.chaos;

import dev.serverlessmysql.test.MySqlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Hits the server from outside while the load runs, on a thread of its own: KILLs of the application user's idle and
 * busy sessions at random moments, {@code max_connections} lowered and restored, and crashes followed by restarts at
 * random points in the middle of the run. It remembers when the server was down.
 */
final class FaultInjector implements Runnable {

    /** When the server was down: from just before the crash until {@code start()} returned. */
    record DownWindow(long downNanos, long upNanos) {
    }

    private static final String SESSIONS_SQL = "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND COMMAND = ?";
    private static final long LIMIT_DROP_NANOS = TimeUnit.MILLISECONDS.toNanos(2500);

    private final MySqlDatabase db;
    private final ChaosPlan plan;
    private final DoubleSupplier progress;
    private final SplittableRandom random;
    private final List<Double> crashAt = new ArrayList<>();
    private final List<Double> dropAt = new ArrayList<>();
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final List<DownWindow> downWindows = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private volatile boolean stopping;
    private long restoreLimitAt;
    private boolean limitLowered;

    /**
     * @param progress the share of the run's invocations started so far, 0 to 1; crashes and limit drops are placed
     *     on it so that they fall in the middle of the load whatever its speed
     */
    FaultInjector(MySqlDatabase db, ChaosPlan plan, DoubleSupplier progress) {
        this.db = db;
        this.plan = plan;
        this.progress = progress;
        this.random = new SplittableRandom(plan.seed());
        for (int i = 0; i < plan.crashes(); i++) {
            crashAt.add(0.3 + 0.5 * (i + random.nextDouble()) / plan.crashes());
        }
        for (int i = 0; i < plan.limitDrops(); i++) {
            dropAt.add(0.1 + 0.8 * (i + random.nextDouble()) / plan.limitDrops());
        }
    }

    /** Asks the injector to finish: it restores the connection limit and returns. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                pause();
                double p = progress.getAsDouble();
                if (!crashAt.isEmpty() && p >= crashAt.get(0)) {
                    crashAt.remove(0);
                    crashAndRestart();
                } else if (!dropAt.isEmpty() && p >= dropAt.get(0) && !limitLowered) {
                    dropAt.remove(0);
                    lowerLimit();
                } else if (limitLowered && System.nanoTime() - restoreLimitAt >= 0) {
                    restoreLimit();
                } else {
                    kill(random.nextBoolean() ? Fault.KILL_IDLE : Fault.KILL_BUSY);
                }
            }
        } finally {
            if (limitLowered) {
                restoreLimit();
            }
        }
    }

    synchronized Map<Fault, Integer> injected() {
        return new EnumMap<>(injected);
    }

    synchronized List<DownWindow> downWindows() {
        return new ArrayList<>(downWindows);
    }

    /** Faults that could not be injected, with the reason: the run's figures say so rather than hide it. */
    synchronized List<String> skipped() {
        return new ArrayList<>(skipped);
    }

    /** Crashes and restarts not reached because the load finished first. */
    int crashesNotReached() {
        return crashAt.size();
    }

    private void pause() {
        // exponential gaps: kills arrive as a Poisson process at killsPerSecond
        double seconds = -Math.log(1 - random.nextDouble()) / plan.killsPerSecond();
        try {
            Thread.sleep(Math.max(1, (long) (seconds * 1000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void kill(Fault kind) {
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
        try {
            db.server().setGlobal("max_connections", plan.loweredMaxConnections());
            limitLowered = true;
            restoreLimitAt = System.nanoTime() + LIMIT_DROP_NANOS;
            count(Fault.LIMIT_DROP);
        } catch (RuntimeException e) {
            skip(Fault.LIMIT_DROP, e);
        }
    }

    private void restoreLimit() {
        try {
            db.server().setGlobal("max_connections", ChaosPlan.MAX_CONNECTIONS);
            limitLowered = false;
        } catch (RuntimeException e) {
            skip(Fault.LIMIT_DROP, e);
            restoreLimitAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        }
    }

    private void crashAndRestart() {
        long down = System.nanoTime();
        db.server().crash();
        try {
            Thread.sleep(plan.downTime().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        try {
            db.server().start();
        } catch (RuntimeException e) {
            // the rest of the run would only measure a dead server; the audit then reports the failures
            skip(Fault.CRASH_RESTART, e);
            stopping = true;
            return;
        }
        long up = System.nanoTime();
        // a restart reads max_connections from the command line again
        limitLowered = false;
        synchronized (this) {
            downWindows.add(new DownWindow(down, up));
        }
        count(Fault.CRASH_RESTART);
    }

    private synchronized void count(Fault kind) {
        injected.merge(kind, 1, Integer::sum);
    }

    private synchronized void skip(Fault kind, Exception e) {
        skipped.add(kind + ": " + e.getMessage());
    }
}
