package dev.serverlessmysql;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** The two jitter formulas of {@link Backoff}, computed in nanoseconds without overflow. */
final class JitterBackoff implements Backoff {

    private final boolean full;
    private final long base;
    private final long cap;
    private final RandomGenerator random;

    JitterBackoff(boolean full, Duration base, Duration cap, RandomGenerator random) {
        String name = full ? "Backoff.fullJitter" : "Backoff.decorrelatedJitter";
        if (base == null || cap == null) {
            throw new IllegalArgumentException(name + ": base and cap must not be null");
        }
        if (full ? base.isNegative() : (base.isNegative() || base.isZero())) {
            throw new IllegalArgumentException(name + ": base must be " + (full ? "zero or positive" : "positive")
                    + ", was " + base.toMillis() + " ms");
        }
        if (cap.compareTo(base) < 0 || cap.isZero()) {
            throw new IllegalArgumentException(name + ": cap must be positive and at least base (" + base.toMillis()
                    + " ms), was " + cap.toMillis() + " ms");
        }
        this.full = full;
        this.base = saturatedNanos(base);
        this.cap = saturatedNanos(cap);
        this.random = random;
    }

    @Override
    public Duration delay(int attempt, Duration previous) {
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        return Duration.ofNanos(full ? fullJitter(Math.max(attempt, 0), r) : decorrelated(previous, r));
    }

    private long fullJitter(int attempt, RandomGenerator r) {
        long ceiling = (attempt >= 63 || base > (cap >> attempt)) ? cap : Math.min(cap, base << attempt);
        return ceiling == 0 ? 0 : r.nextLong(ceiling + 1);
    }

    private long decorrelated(Duration previous, RandomGenerator r) {
        long prev = previous == null || previous.isZero() || previous.isNegative() ? base : saturatedNanos(previous);
        prev = Math.max(prev, base);
        long upper = prev > Long.MAX_VALUE / 3 ? Long.MAX_VALUE - 1 : prev * 3;
        long value = upper > base ? r.nextLong(base, upper + 1) : base;
        return Math.min(cap, value);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return (full ? "fullJitter" : "decorrelatedJitter") + "(base " + Duration.ofNanos(base).toMillis()
                + " ms, cap " + Duration.ofNanos(cap).toMillis() + " ms)";
    }
}
