package dev.serverlessmysql;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How long any network wait may last: until the invocation's usable end (its remaining time less
 * {@code remainingTimeMargin}), and never longer than {@code networkTimeout}, which is the bound when no remaining
 * time was given. Connect attempts are bounded by {@code connectTimeout} each and by their operation's deadline;
 * waits for the client's lock by the same end, or by {@code networkTimeout + retryDeadline} (one statement and its
 * connect retries of the thread ahead). Read without the client's lock, so its fields are volatile.
 */
final class TimeBudget {

    private final long networkTimeoutNanos;
    private final long connectTimeoutNanos;
    private final long marginNanos;
    private final long lockWaitNanos;
    private final Duration retryDeadline;
    private volatile IntSupplier remainingMillis;
    private volatile long invocationEndNanos = Long.MAX_VALUE;

    TimeBudget(Settings settings) {
        this.networkTimeoutNanos = settings.networkTimeout().toNanos();
        this.connectTimeoutNanos = settings.connectTimeout().toNanos();
        this.marginNanos = settings.remainingTimeMargin().toNanos();
        this.retryDeadline = settings.retryDeadline();
        this.lockWaitNanos = networkTimeoutNanos + retryDeadline.toNanos();
    }

    void remainingTime(IntSupplier supplier) {
        this.invocationEndNanos = Long.MAX_VALUE;
        this.remainingMillis = supplier;
    }

    void remainingTime(Duration remaining, long now) {
        this.remainingMillis = null;
        this.invocationEndNanos = now + remaining.toNanos() - marginNanos;
    }

    /** At {@code end()}: the next invocation lends its own time. */
    void forget() {
        this.remainingMillis = null;
        this.invocationEndNanos = Long.MAX_VALUE;
    }

    /** When the invocation's usable time ends, or {@link Long#MAX_VALUE} when nobody said. */
    long invocationEnd(long now) {
        IntSupplier supplier = remainingMillis;
        if (supplier != null) {
            try {
                return now + supplier.getAsInt() * 1_000_000L - marginNanos;
            } catch (RuntimeException e) {
                return invocationEndNanos;
            }
        }
        return invocationEndNanos;
    }

    /** Whether the invocation said how long it has. */
    boolean bounded() {
        return remainingMillis != null || invocationEndNanos != Long.MAX_VALUE;
    }

    /** The deadline of an operation starting at {@code start}: the retry deadline or the invocation's end. */
    Deadline deadline(long start) {
        return deadline(start, start);
    }

    /** The same deadline, built later, at {@code now}: the invocation's end is read now, when it is as it was. */
    Deadline deadline(long start, long now) {
        return Deadline.of(start, retryDeadline, invocationEnd(now));
    }

    /**
     * The network timeout for the next statement, in milliseconds: the invocation's usable time left, at most
     * {@code networkTimeout}. 0 when no time is left.
     */
    int networkTimeoutMillis(long now) {
        long left = Math.min(networkTimeoutNanos, left(now));
        return left <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    /** The timeout of one connect attempt: {@code connectTimeout}, at most the operation's time left. */
    int connectAttemptMillis(Deadline deadline, long now) {
        long left = Math.min(connectTimeoutNanos, deadline.remainingNanos(now));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
    }

    /** How long to wait for the client's lock. */
    long lockWaitNanos(long now) {
        return Math.max(0, Math.min(lockWaitNanos, left(now)));
    }

    /** Nanoseconds until the invocation's usable end, {@link Long#MAX_VALUE} when unbounded. */
    long left(long now) {
        long end = invocationEnd(now);
        return end == Long.MAX_VALUE ? Long.MAX_VALUE : end - now;
    }
}
