package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofMillis(2);
    private static final Duration CAP = Duration.ofMillis(100);

    /** Always draws the highest value allowed, so the formula's ceiling shows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }

        @Override
        public long nextLong(long origin, long bound) {
            return bound - 1;
        }
    };

    /** Always draws the lowest value allowed. */
    private static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }

        @Override
        public long nextLong(long origin, long bound) {
            return origin;
        }
    };

    @Test
    void fullJitterCeilingDoublesPerAttemptUpToTheCap() {
        Backoff b = Backoff.fullJitter(BASE, CAP, HIGHEST);
        assertEquals(Duration.ofMillis(4), b.delay(1, Duration.ZERO));
        assertEquals(Duration.ofMillis(8), b.delay(2, Duration.ZERO));
        assertEquals(Duration.ofMillis(64), b.delay(5, Duration.ZERO));
        assertEquals(CAP, b.delay(6, Duration.ZERO));
        assertEquals(CAP, b.delay(50, Duration.ZERO));
        assertEquals(CAP, b.delay(1_000, Duration.ZERO), "no overflow for huge attempt numbers");
        assertEquals(Duration.ZERO, Backoff.fullJitter(BASE, CAP, LOWEST).delay(7, Duration.ZERO));
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        Backoff b = Backoff.fullJitter(BASE, CAP, new Random(42));
        for (int attempt = 1; attempt <= 60; attempt++) {
            long ceiling = Math.min(CAP.toNanos(), BASE.toNanos() << Math.min(attempt, 40));
            for (int i = 0; i < 200; i++) {
                long d = b.delay(attempt, Duration.ZERO).toNanos();
                assertTrue(d >= 0 && d <= ceiling, "attempt " + attempt + ": " + d + " not in [0, " + ceiling + "]");
            }
        }
    }

    @Test
    void fullJitterIsUniformEnoughToSpreadRetries() {
        Backoff b = Backoff.fullJitter(BASE, CAP, new Random(7));
        long below = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            if (b.delay(10, Duration.ZERO).toNanos() < CAP.toNanos() / 2) {
                below++;
            }
        }
        assertTrue(below > n * 0.45 && below < n * 0.55, "about half below the middle, got " + below);
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        assertEquals(sequence(Backoff.fullJitter(BASE, CAP, new Random(3))),
                sequence(Backoff.fullJitter(BASE, CAP, new Random(3))));
        assertEquals(sequence(Backoff.decorrelatedJitter(BASE, CAP, new Random(3))),
                sequence(Backoff.decorrelatedJitter(BASE, CAP, new Random(3))));
    }

    @Test
    void decorrelatedJitterStartsAtBaseNotZero() {
        Backoff low = Backoff.decorrelatedJitter(BASE, CAP, LOWEST);
        assertEquals(BASE, low.delay(1, Duration.ZERO), "the first previous is base, so the first delay is >= base");
        Backoff high = Backoff.decorrelatedJitter(BASE, CAP, HIGHEST);
        assertEquals(Duration.ofMillis(6), high.delay(1, Duration.ZERO), "at most 3 * base the first time");
    }

    @Test
    void decorrelatedJitterGrowsFromThePreviousDelayAndIsCapped() {
        Backoff high = Backoff.decorrelatedJitter(BASE, CAP, HIGHEST);
        Duration d = Duration.ZERO;
        List<Long> seen = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            d = high.delay(attempt, d);
            seen.add(d.toMillis());
        }
        assertEquals(List.of(6L, 18L, 54L, 100L, 100L, 100L, 100L, 100L), seen);
    }

    @Test
    void decorrelatedJitterStaysBetweenBaseAndThreeTimesThePrevious() {
        Backoff b = Backoff.decorrelatedJitter(BASE, CAP, new Random(11));
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 500; attempt++) {
            Duration d = b.delay(attempt, previous);
            long prev = previous.isZero() ? BASE.toNanos() : previous.toNanos();
            assertTrue(d.toNanos() >= BASE.toNanos(), "never below base: " + d);
            assertTrue(d.toNanos() <= Math.min(CAP.toNanos(), prev * 3), "within min(cap, 3 * previous): " + d);
            previous = d;
        }
    }

    @Test
    void customAndFixedBackoffs() {
        Backoff linear = (attempt, previous) -> Duration.ofMillis(10L * attempt);
        assertEquals(Duration.ofMillis(30), linear.delay(3, Duration.ZERO));
        assertEquals(Duration.ofMillis(5), Backoff.fixed(Duration.ofMillis(5)).delay(9, Duration.ofMillis(1)));
    }

    @Test
    void wrongArgumentsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(5)));
        assertTrue(e.getMessage().contains("cap"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Backoff.fullJitter(Duration.ofMillis(-1), CAP));
        assertTrue(e.getMessage().contains("base"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Backoff.decorrelatedJitter(Duration.ZERO, CAP));
        assertTrue(e.getMessage().contains("base must be positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backoff.fullJitter(null, CAP));
        assertThrows(IllegalArgumentException.class, () -> Backoff.fixed(Duration.ofMillis(-3)));
        assertThrows(NullPointerException.class, () -> Backoff.fullJitter(BASE, CAP, null));
    }

    @Test
    void describesItself() {
        assertEquals("fullJitter(base 2 ms, cap 100 ms)", Backoff.fullJitter(BASE, CAP).toString());
        assertEquals("decorrelatedJitter(base 2 ms, cap 100 ms)", Backoff.decorrelatedJitter(BASE, CAP).toString());
    }

    private static List<Duration> sequence(Backoff b) {
        List<Duration> out = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 20; attempt++) {
            previous = b.delay(attempt, previous);
            out.add(previous);
        }
        return out;
    }
}
