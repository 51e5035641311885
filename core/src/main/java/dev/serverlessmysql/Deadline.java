package dev.serverlessmysql;

import java.time.Duration;

/**
 * The time by which one operation must give up retrying. The retry deadline bounds the retrying, so it runs from the
 * operation's first failure ({@link #failed(long)}): a first attempt that spent long on its own work (a transaction
 * that waited for row locks, a slow statement) still gets its retries. Before that failure it runs from the start, which
 * bounds a first connect attempt. The invocation's remaining time (less the margin) ends everything, whichever comes
 * first. One operation's deadline is used by one thread.
 */
final class Deadline implements RetryLoop.Deadlines {

    private final long startNanos;
    private final long retryNanos;
    private final long invocationEndNanos;
    private boolean failed;
    private long endNanos;
    private boolean fromInvocation;

    private Deadline(long startNanos, long retryNanos, long invocationEndNanos) {
        this.startNanos = startNanos;
        this.retryNanos = retryNanos;
        this.invocationEndNanos = invocationEndNanos;
        end(startNanos);
    }

    /**
     * @param startNanos the operation's start, from {@link System#nanoTime()}
     * @param retryDeadline the client's retry deadline
     * @param invocationEndNanos when the invocation's usable time ends, or {@link Long#MAX_VALUE} when unknown
     */
    static Deadline of(long startNanos, Duration retryDeadline, long invocationEndNanos) {
        return new Deadline(startNanos, retryDeadline.toNanos(), invocationEndNanos);
    }

    private void end(long from) {
        long byRetry = from + retryNanos;
        fromInvocation = invocationEndNanos != Long.MAX_VALUE && invocationEndNanos - byRetry < 0;
        endNanos = fromInvocation ? invocationEndNanos : byRetry;
    }

    /** The operation's first failure, at {@code now}, starts the retry deadline; later failures change nothing. */
    void failed(long now) {
        if (!failed) {
            failed = true;
            end(now);
        }
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

    /** A deadline built before the operation began is its own source: the same at every failure. */
    @Override
    public Deadline deadline(long now) {
        return this;
    }
}
