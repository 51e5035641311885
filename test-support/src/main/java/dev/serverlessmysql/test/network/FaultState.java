package dev.serverlessmysql.test.network;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The faults one proxy applies to every byte it forwards: a black hole (nothing moves) and a latency per chunk. The
 * one place that decides when a chunk may go; the pipes only ask.
 */
final class FaultState {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean blackholed;
    private long latencyNanos;
    private boolean closed;
    /** Chunks that passed the gate and are being written; a black hole waits for them, so it holds from its return. */
    private int forwarding;

    /** Stops every byte, in both directions, until {@link #heal()}; waits up to {@code settle} for writes under way. */
    void blackhole(Duration settle) {
        lock.lock();
        try {
            blackholed = true;
            changed.signalAll();
            long left = settle.toNanos();
            while (forwarding > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Delays every chunk by {@code latency} after it was read, in each direction. */
    void latency(Duration latency) {
        lock.lock();
        try {
            latencyNanos = latency.toNanos();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lifts the black hole and the latency. */
    void heal() {
        lock.lock();
        try {
            blackholed = false;
            latencyNanos = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting pipe for good. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isBlackholed() {
        lock.lock();
        try {
            return blackholed;
        } finally {
            lock.unlock();
        }
    }

    Duration latency() {
        lock.lock();
        try {
            return Duration.ofNanos(latencyNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the path is black-holed; false once the proxy is closed. */
    boolean awaitOpen() throws InterruptedException {
        lock.lock();
        try {
            while (blackholed && !closed) {
                changed.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a chunk read at {@code readAtNanos} may be written (no black hole, its latency served; a change of
     * either is seen at once) and counts it as being written; false once the proxy is closed. Pair with
     * {@link #endForward()}.
     */
    boolean beginForward(long readAtNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                if (blackholed) {
                    changed.await();
                    continue;
                }
                long wait = readAtNanos + latencyNanos - System.nanoTime();
                if (wait <= 0) {
                    forwarding++;
                    return true;
                }
                changed.await(wait, TimeUnit.NANOSECONDS);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** A chunk counted by {@link #beginForward} was written (or failed). */
    void endForward() {
        lock.lock();
        try {
            forwarding--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
