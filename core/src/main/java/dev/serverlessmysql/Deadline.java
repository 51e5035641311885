package dev.serverlessmysql;

import java.time.Duration;

/**
 * The time by which one operation must give up retrying: its start plus the retry deadline, or earlier when the
 * invocation's remaining time (less the margin) runs out first.
 */
final class Deadline {

    private final long startNanos;
    private final long endNanos;
    private final boolean fromInvocation;

    private Deadline(long startNanos, long endNanos, boolean fromInvocation) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.fromInvocation = fromInvocation;
    }

    /**
     * @param startNanos the operation's start, from {@link System#nanoTime()}
     * @param retryDeadline the client's retry deadline
     * @param invocationEndNanos when the invocation's usable time ends, or {@link Long#MAX_VALUE} when unknown
     */
    static Deadline of(long startNanos, Duration retryDeadline, long invocationEndNanos) {
        long byRetry = startNanos + retryDeadline.toNanos();
        if (invocationEndNanos != Long.MAX_VALUE && invocationEndNanos - byRetry < 0) {
            return new Deadline(startNanos, invocationEndNanos, true);
        }
        return new Deadline(startNanos, byRetry, false);
    }

    /** Time left, zero when passed. */
    long remainingNanos(long now) {
        return Math.max(0, endNanos - now);
    }

    /** Whether waiting {@code delay} from now still ends before the deadline. */
    boolean allows(Duration delay, long now) {
        return endNanos - now - delay.toNanos() > 0;
    }

    /** Milliseconds since the operation started. */
    long elapsedMillis(long now) {
        return (now - startNanos) / 1_000_000;
    }

    /** "the retry deadline" or "the invocation's remaining time", for messages. */
    String describe() {
        return fromInvocation ? "the invocation's remaining time" : "the retry deadline";
    }
}
