package dev.serverlessmysql;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt of a retried operation: a connect refused for lack of room, or a
 * statement or transaction retried after a deadlock.
 *
 * <p>Every operation counts its own attempts from 1, so one exhausted operation never affects the next. Write your
 * own as a lambda, for example {@code (attempt, previous) -> Duration.ofMillis(10L * attempt)}, or use
 * {@link #fullJitter(Duration, Duration)} (the default, base 2 ms, cap 100 ms) or
 * {@link #decorrelatedJitter(Duration, Duration)}.
 */
@FunctionalInterface
public interface Backoff {

    /**
     * The delay before the next attempt.
     *
     * @param attempt how many attempts of this operation have failed so far: 1 before the first retry
     * @param previous the delay this backoff returned before the previous retry of the same operation,
     *     {@link Duration#ZERO} before the first retry
     * @return the delay, zero or positive
     */
    Duration delay(int attempt, Duration previous);

    /**
     * Full jitter: a uniformly random delay in {@code [0, min(cap, base * 2^attempt)]}.
     *
     * @throws IllegalArgumentException if base is negative or cap is smaller than base or not positive
     */
    static Backoff fullJitter(Duration base, Duration cap) {
        return new JitterBackoff(true, base, cap, null);
    }

    /** {@link #fullJitter(Duration, Duration)} drawing from the given random source, for example a seeded one. */
    static Backoff fullJitter(Duration base, Duration cap, RandomGenerator random) {
        return new JitterBackoff(true, base, cap, java.util.Objects.requireNonNull(random, "random"));
    }

    /**
     * Decorrelated jitter: {@code min(cap, random(base, previous * 3))}, where {@code previous} is {@code base}
     * before the first retry, so the first delay is already at least {@code base}.
     *
     * @throws IllegalArgumentException if base is not positive or cap is smaller than base
     */
    static Backoff decorrelatedJitter(Duration base, Duration cap) {
        return new JitterBackoff(false, base, cap, null);
    }

    /** {@link #decorrelatedJitter(Duration, Duration)} drawing from the given random source. */
    static Backoff decorrelatedJitter(Duration base, Duration cap, RandomGenerator random) {
        return new JitterBackoff(false, base, cap, java.util.Objects.requireNonNull(random, "random"));
    }

    /** The same delay before every retry. */
    static Backoff fixed(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("Backoff.fixed: delay must be zero or positive, was " + delay);
        }
        return new Backoff() {
            @Override
            public Duration delay(int attempt, Duration previous) {
                return delay;
            }

            @Override
            public String toString() {
                return "fixed(" + delay.toMillis() + " ms)";
            }
        };
    }
}
