package dev.serverlessmysql.dataapi;

import java.time.Duration;

/**
 * When one operation must stop retrying: its start plus the retry deadline, or earlier when the invocation's
 * remaining time (less the margin) runs out first.
 */
final class Deadline {

    private final long endNanos;
    private final boolean fromInvocation;

    private Deadline(long endNanos, boolean fromInvocation) {
        this.endNanos = endNanos;
        this.fromInvocation = fromInvocation;
    }

    /** @param invocationEndNanos when the invocation's usable time ends, or {@link Long#MAX_VALUE} when unknown */
    static Deadline of(long startNanos, Duration retryDeadline, long invocationEndNanos) {
        long byRetry = startNanos + retryDeadline.toNanos();
        if (invocationEndNanos != Long.MAX_VALUE && invocationEndNanos - byRetry < 0) {
            return new Deadline(invocationEndNanos, true);
        }
        return new Deadline(byRetry, false);
    }

    /** Whether waiting {@code delay} from now still ends before the deadline. */
    boolean allows(Duration delay, long now) {
        return endNanos - now - delay.toNanos() > 0;
    }

    String describe() {
        return fromInvocation ? "the invocation's remaining time" : "the retry deadline";
    }
}
