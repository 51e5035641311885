package dev.serverlessmysql;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may use the client's one connection now. Statements, transactions and {@code end()} take the client's lock,
 * with a timed wait (see {@link TimeBudget#lockWaitNanos(long)}), never an untimed one. A
 * {@link ServerlessMysql#dataSource()} connection does not hold the lock between calls: it holds a lease, which keeps
 * other threads' statements waiting until it is closed, while its own thread may still use the client. A lease whose
 * thread has died is given up for it, and {@code end()} and {@code quit()} end every lease, whichever thread holds it,
 * so that no forgotten connection can wedge the client.
 */
final class Gate {

    /** How often a waiting thread looks whether the lease's thread is still alive. */
    private static final long LEASE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition leaseEnded = lock.newCondition();
    private final TimeBudget budget;
    private Runnable abandonedLease = () -> { };
    private volatile Thread owner;
    private volatile String ownerDoing;
    private Thread leaseHolder;

    Gate(TimeBudget budget) {
        this.budget = budget;
    }

    /** What to do when a lease's thread turns out dead: release its connections. Runs under the lock. */
    void onAbandonedLease(Runnable release) {
        this.abandonedLease = release;
    }

    /**
     * Takes the lock for {@code what} ("a statement", "a transaction", ...), waiting while another live thread holds
     * the lock or a lease. Throws a {@link ServerlessMysqlException} when the wait runs out.
     */
    void enter(String what) {
        long start;
        if (lock.tryLock()) {
            noteOwner(what);
            if (leaseHolder == null || leaseHolder == Thread.currentThread()) {
                // the common case: nothing to wait for, so no clock is read
                return;
            }
            start = System.nanoTime();
        } else {
            start = System.nanoTime();
            lock(what, start);
        }
        boolean ok = false;
        try {
            awaitLease(what, start);
            ok = true;
        } finally {
            if (!ok) {
                exit();
            }
        }
    }

    /** Takes the lock without waiting for a lease: for the lease's own calls, and for ending leases. */
    void enterIgnoringLease(String what) {
        lock(what, System.nanoTime());
    }

    /** Like {@link #enter(String)}, for JDBC callers: the timeout is an {@link SQLException}. */
    void enterJdbc(String what) throws SQLException {
        try {
            enter(what);
        } catch (ServerlessMysqlException e) {
            throw new SQLException(e.getMessage(), "HYT00", e);
        }
    }

    void exit() {
        if (lock.getHoldCount() == 1) {
            owner = null;
            ownerDoing = null;
        }
        lock.unlock();
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Starts or joins the current thread's lease. Under the lock. */
    void lease() {
        leaseHolder = Thread.currentThread();
    }

    /** Ends the lease. Under the lock. */
    void endLease() {
        leaseHolder = null;
        leaseEnded.signalAll();
    }

    /** Whether another thread holds the lease. Under the lock. */
    boolean leasedByAnotherThread() {
        return leaseHolder != null && leaseHolder != Thread.currentThread();
    }

    private void lock(String what, long start) {
        if (lock.tryLock()) {
            noteOwner(what);
            return;
        }
        long wait = budget.lockWaitNanos(start);
        try {
            if (!lock.tryLock(wait, TimeUnit.NANOSECONDS)) {
                Thread holder = owner;
                String doing = ownerDoing;
                throw timeout(what, start, holder == null ? "another thread"
                        : "thread " + holder.getName() + (doing == null ? "" : " (" + doing + ")"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerlessMysqlException("Interrupted while waiting for the client's connection", e);
        }
        noteOwner(what);
    }

    private void noteOwner(String what) {
        if (lock.getHoldCount() == 1) {
            owner = Thread.currentThread();
            ownerDoing = what;
        }
    }

    private void awaitLease(String what, long start) {
        while (leasedByAnotherThread()) {
            if (!leaseHolder.isAlive()) {
                abandonedLease.run();
                leaseHolder = null;
                return;
            }
            long left = budget.lockWaitNanos(start) - (System.nanoTime() - start);
            if (left <= 0) {
                throw timeout(what, start, "a dataSource() connection that thread " + leaseHolder.getName()
                        + " has not closed");
            }
            try {
                leaseEnded.awaitNanos(Math.min(left, LEASE_POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerlessMysqlException("Interrupted while waiting for the client's connection", e);
            }
        }
    }

    private static ServerlessMysqlException timeout(String what, long start, String holder) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new ServerlessMysqlException("Gave up waiting for the client's connection for " + what + " after " + ms
                + " ms: it is held by " + holder + ". A client runs one statement at a time; close dataSource()"
                + " connections when done, and give each thread that needs its own connection its own client",
                new SQLException("Timed out waiting for the client's connection", "HYT00"));
    }
}
