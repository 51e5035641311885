package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.RetryLoop.Retry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry loop: per-kind limits, backoff, the deadline, and what the operation says when it gives up. */
class RetryLoopTest {

    private static final Failure DEADLOCK = Failure.ofStatement(new SQLException("d", "40001", 1213), null);
    private static final Failure LOST = Failure.ofStatement(new SQLException("l", "08S01", 0), null);

    /** An operation that fails with the given retries in turn, then succeeds. */
    private static final class Scripted implements RetryLoop.Operation<String> {
        final List<Retry> script;
        final List<String> log = new ArrayList<>();

        Scripted(Retry... script) {
            this.script = new ArrayList<>(List.of(script));
        }

        @Override
        public String attempt() throws Retry {
            if (!script.isEmpty()) {
                throw script.remove(0);
            }
            return "done";
        }

        @Override
        public RuntimeException exhausted(Retry retry, int attempts, String why) {
            return new IllegalStateException(attempts + ": " + why);
        }

        @Override
        public void retrying(Retry retry, int attempt, Duration delay) {
            log.add(attempt + " " + delay.toMillis());
        }
    }

    private static Deadline far() {
        return Deadline.of(System.nanoTime(), Duration.ofMinutes(1), Long.MAX_VALUE);
    }

    @Test
    void retriesWithGrowingBackoffUntilAnAttemptSucceeds() {
        RetryLoop loop = new RetryLoop((attempt, previous) -> Duration.ofMillis(attempt));
        Scripted op = new Scripted(new Retry(DEADLOCK, false, 3, "x"), new Retry(DEADLOCK, false, 3, "x"));
        assertEquals("done", loop.run(op, far()));
        assertEquals(List.of("1 1", "2 2"), op.log);
    }

    @Test
    void eachKindHasItsOwnLimit() {
        RetryLoop loop = new RetryLoop((attempt, previous) -> Duration.ZERO);
        Scripted op = new Scripted(new Retry(LOST, true, 1, "one re-run"), new Retry(DEADLOCK, false, 1, "d"));
        assertEquals("done", loop.run(op, far()), "one of each kind is within each limit");
        Scripted twice = new Scripted(new Retry(LOST, true, 1, "one re-run"), new Retry(LOST, true, 1, "one re-run"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(twice, far()));
        assertEquals("2: one re-run (1) ran out", e.getMessage());
    }

    @Test
    void anImmediateRetryDoesNotWaitAndTheDeadlineStopsTheLoop() {
        RetryLoop loop = new RetryLoop((attempt, previous) -> Duration.ofSeconds(10));
        Scripted immediate = new Scripted(new Retry(LOST, true, 1, "r"));
        assertEquals("done", loop.run(immediate, Deadline.of(System.nanoTime(), Duration.ofMillis(50), Long.MAX_VALUE)));
        assertEquals(List.of("1 0"), immediate.log);
        Scripted slow = new Scripted(new Retry(DEADLOCK, false, 5, "d"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.run(slow, Deadline.of(System.nanoTime(), Duration.ofMillis(50), Long.MAX_VALUE)));
        assertTrue(e.getMessage().contains("the retry deadline would pass"), e.getMessage());
    }

    @Test
    void theRetryDeadlineRunsFromTheFirstFailureNotFromTheStart() {
        RetryLoop loop = new RetryLoop((attempt, previous) -> Duration.ZERO);
        long now = System.nanoTime();
        // a first attempt that took a second (a transaction waiting for row locks) against a 100 ms retry deadline
        Scripted slowFirst = new Scripted(new Retry(DEADLOCK, false, 5, "d"));
        assertEquals("done", loop.run(slowFirst, Deadline.of(now - 1_000_000_000L, Duration.ofMillis(100),
                Long.MAX_VALUE)));
        assertEquals(List.of("1 0"), slowFirst.log);
        // the invocation's end still bounds everything
        Scripted late = new Scripted(new Retry(DEADLOCK, false, 5, "d"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.run(late, Deadline.of(now - 1_000_000_000L, Duration.ofMillis(100), now - 1)));
        assertTrue(e.getMessage().contains("the invocation's remaining time would pass"), e.getMessage());
    }

    @Test
    void onlyTheFirstFailureStartsTheRetryDeadline() {
        Deadline d = Deadline.of(0, Duration.ofMillis(100), Long.MAX_VALUE);
        assertEquals(100_000_000L, d.remainingNanos(0), "before any failure: from the start");
        d.failed(1_000_000_000L);
        assertEquals(100_000_000L, d.remainingNanos(1_000_000_000L));
        d.failed(1_050_000_000L);
        assertEquals(50_000_000L, d.remainingNanos(1_050_000_000L), "a later failure does not extend it");
        Deadline capped = Deadline.of(0, Duration.ofMillis(100), 1_020_000_000L);
        capped.failed(1_000_000_000L);
        assertEquals(20_000_000L, capped.remainingNanos(1_000_000_000L), "the invocation's end comes first");
        assertEquals("the invocation's remaining time", capped.describe());
    }

    @Test
    void aBrokenBackoffIsReportedAndOtherExceptionsPassThrough() {
        RetryLoop broken = new RetryLoop((attempt, previous) -> {
            throw new ArithmeticException("bad");
        });
        ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class,
                () -> broken.run(new Scripted(new Retry(DEADLOCK, false, 3, "d")), far()));
        assertTrue(e.getMessage().contains("backoff function threw"), e.getMessage());
        IllegalArgumentException thrown = new IllegalArgumentException("mine");
        assertSame(thrown, assertThrows(IllegalArgumentException.class,
                () -> new RetryLoop((a, p) -> Duration.ZERO).run(new RetryLoop.Operation<String>() {
                    @Override
                    public String attempt() {
                        throw thrown;
                    }

                    @Override
                    public RuntimeException exhausted(Retry retry, int attempts, String why) {
                        return null;
                    }

                    @Override
                    public void retrying(Retry retry, int attempt, Duration delay) {
                    }
                }, far())));
    }
}
