package dev.serverlessmysql;

import java.time.Duration;

/**
 * The client's one retry loop, used by connects, single statements and transactions alike. An operation makes
 * attempts; an attempt that wants another throws {@link Retry}, saying how soon (at once, or after the client's
 * backoff) and how many retries of that kind the operation allows. The loop counts the operation's own attempts,
 * waits, and gives up when the limit is reached or the next attempt could not start before the operation's
 * {@link Deadline}: the retry deadline counted from the operation's first failure, or the invocation's remaining time
 * less the margin, whichever comes first. The operation then says what the caller gets.
 */
final class RetryLoop {

    /** One retried operation. */
    interface Operation<T> {
        /** Makes one attempt. */
        T attempt() throws Retry;

        /**
         * The exception for the caller when the loop gives up on {@code retry} after {@code attempts} attempts;
         * {@code why} says which limit ran out.
         */
        RuntimeException exhausted(Retry retry, int attempts, String why);

        /** Reports a retry about to happen, to the counters and the listener. */
        void retrying(Retry retry, int attempt, Duration delay);
    }

    /** An attempt's request for another attempt. Carries no stack trace: it never reaches a caller. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Failure failure;
        final boolean immediate;
        final int limit;
        final String limitName;
        /** What the caller gets if no retry follows; null when the operation builds it in {@code exhausted}. */
        final transient RuntimeException error;

        /**
         * @param failure why the attempt failed
         * @param immediate retry at once (the failure was the connection's, not the server's load), else back off
         * @param limit how many retries of this kind the operation allows
         * @param limitName the setting that sets the limit, for the message when it runs out
         */
        Retry(Failure failure, boolean immediate, int limit, String limitName) {
            this(failure, immediate, limit, limitName, null);
        }

        Retry(Failure failure, boolean immediate, int limit, String limitName, RuntimeException error) {
            super(null, null, false, false);
            this.failure = failure;
            this.immediate = immediate;
            this.limit = limit;
            this.limitName = limitName;
            this.error = error;
        }
    }

    private static final int KINDS = Failure.Kind.values().length;

    private final Backoff backoff;

    RetryLoop(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Where an operation's {@link Deadline} comes from: built at its first failure, since most never fail. */
    interface Deadlines {
        /** The operation's deadline, asked for once, when its first attempt failed at {@code now}. */
        Deadline deadline(long now);
    }

    /**
     * Runs {@code op} until an attempt succeeds, throws something other than a retry, or the loop gives up. Each kind
     * of failure has its own limit, counted within this operation only; the backoff grows with all of them. The
     * deadline is asked of {@code deadlines} only after the first attempt failed, so the common case costs nothing.
     */
    <T> T run(Operation<T> op, Deadlines deadlines) {
        Retry retry;
        try {
            return op.attempt();
        } catch (Retry first) {
            retry = first;
        }
        long now = System.nanoTime();
        Deadline deadline = deadlines.deadline(now);
        int failed = 0;
        int[] byKind = new int[KINDS];
        Duration previous = Duration.ZERO;
        while (true) {
            deadline.failed(now);
            failed++;
            if (++byKind[retry.failure.kind().ordinal()] > retry.limit) {
                throw op.exhausted(retry, failed, retry.limitName + " (" + retry.limit + ") ran out");
            }
            Duration delay = retry.immediate ? Duration.ZERO : delay(failed, previous);
            if (!deadline.allows(delay, now)) {
                throw op.exhausted(retry, failed, deadline.describe() + " would pass before the next attempt");
            }
            if (!retry.immediate) {
                previous = delay;
            }
            op.retrying(retry, failed, delay);
            sleep(delay);
            try {
                return op.attempt();
            } catch (Retry next) {
                retry = next;
                now = System.nanoTime();
            }
        }
    }

    /** The backoff's delay before retry {@code attempt}, never negative. */
    Duration delay(int attempt, Duration previous) {
        Duration d;
        try {
            d = backoff.delay(attempt, previous);
        } catch (RuntimeException e) {
            throw new ServerlessMysqlException("The backoff function threw " + e, e);
        }
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }

    static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerlessMysqlException("Interrupted while waiting to retry", e);
        }
    }
}
