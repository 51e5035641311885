package dev.serverlessmysql.test.dataapi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The switches a test turns on to see how its code copes: a paused cluster that answers
 * {@code DatabaseResumingException} (for a while, or for a number of calls) and throttling. A paused cluster has no
 * open transaction, so calls that name one are never answered "resuming".
 */
final class Faults {

    private volatile long pausedUntilNanos;
    private volatile boolean pausedForTime;
    private final AtomicInteger pausedCalls = new AtomicInteger();
    private final AtomicInteger throttledCalls = new AtomicInteger();

    void pause(Duration resumeTime) {
        pausedUntilNanos = System.nanoTime() + resumeTime.toNanos();
        pausedForTime = !resumeTime.isZero();
    }

    void pauseCalls(int calls) {
        pausedCalls.set(calls);
    }

    void throttle(int calls) {
        throttledCalls.set(calls);
    }

    void clear() {
        pausedForTime = false;
        pausedCalls.set(0);
        throttledCalls.set(0);
    }

    /** Throws the answer a switch calls for, if any. */
    void check(boolean inTransaction, String resourceArn) {
        if (takeOne(throttledCalls)) {
            throw ApiError.throttled();
        }
        if (inTransaction) {
            return;
        }
        if (takeOne(pausedCalls)) {
            throw ApiError.resuming(resourceArn);
        }
        if (pausedForTime) {
            if (System.nanoTime() - pausedUntilNanos < 0) {
                throw ApiError.resuming(resourceArn);
            }
            pausedForTime = false;
        }
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
