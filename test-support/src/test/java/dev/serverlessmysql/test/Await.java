package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, so tests synchronise on state instead of on sleeps. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }

    /** Waits until {@code user} has no sessions left on the server, since a closed connection ends its session asynchronously. */
    public static void noSessions(MySqlServer server, String user) {
        until("user " + user + " has no sessions", Duration.ofSeconds(10), () -> server.sessionCount(user) == 0);
    }
}
