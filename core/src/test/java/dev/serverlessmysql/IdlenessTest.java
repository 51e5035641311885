package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdlenessTest {

    private final AtomicLong wall = new AtomicLong(1_000_000);
    private final Idleness idleness = new Idleness(wall::get);

    @Test
    void aFreezeThatStopsTheMonotonicClockIsSeenOnTheWallClock() {
        idleness.provenAlive(5_000);
        wall.addAndGet(10_000);
        assertEquals(10_000_000_000L, idleness.idleNanos(5_000), "frozen 10 s: the monotonic clock stood still");
    }

    @Test
    void aWallClockSetBackDoesNotHideMonotonicIdleness() {
        idleness.provenAlive(0);
        wall.addAndGet(-60_000);
        assertEquals(2_000_000_000L, idleness.idleNanos(2_000_000_000L));
    }

    @Test
    void aConnectionUsedJustNowIsNotIdle() {
        idleness.provenAlive(7_000);
        assertEquals(0, idleness.idleNanos(7_000));
    }
}
