package dev.serverlessmysql;

import java.util.function.LongSupplier;

/**
 * How long the connection has been idle since it last proved alive, on two clocks. The monotonic clock is immune to
 * clock steps but may stand still while a Lambda container is frozen between invocations; the wall clock keeps
 * running through a freeze (the sandbox corrects it on thaw). The longer of the two readings counts, so a
 * frozen-and-thawed container is still seen to have been idle.
 */
final class Idleness {

    private final LongSupplier wallMillis;
    private long lastNanos;
    private long lastWallMillis;

    Idleness(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** The connection answered at monotonic time {@code now} (a statement completed, a connect, a ping). */
    void provenAlive(long now) {
        lastNanos = now;
        lastWallMillis = wallMillis.getAsLong();
    }

    /** Nanoseconds idle at monotonic time {@code now}: the longer of the two clocks' readings, never negative. */
    long idleNanos(long now) {
        long wall = wallMillis.getAsLong() - lastWallMillis;
        long wallNanos = wall >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : wall * 1_000_000L;
        return Math.max(0, Math.max(now - lastNanos, wallNanos));
    }
}
