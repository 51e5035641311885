package dev.serverlessmysql.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak check sees threads a run left behind, and only those. */
@Timeout(30)
class ThreadLeaksTest {

    private static Thread parked(String name, boolean daemon, CountDownLatch release) {
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(daemon);
        t.start();
        return t;
    }

    @Test
    void aThreadStartedAfterTheSnapshotIsALeakUntilItEnds() throws Exception {
        ThreadLeaks leaks = ThreadLeaks.snapshot();
        CountDownLatch release = new CountDownLatch(1);
        Thread t = parked("leaky-worker", false, release);
        assertEquals(List.of("leaky-worker"), leaks.leakedAfter(Duration.ofMillis(100)));
        release.countDown();
        t.join();
        assertEquals(List.of(), leaks.leakedAfter(Duration.ofSeconds(5)));
    }

    @Test
    void onlyDaemonThreadsThatTheJdkAndDriversPoolAreForgiven() throws Exception {
        ThreadLeaks leaks = ThreadLeaks.snapshot();
        CountDownLatch release = new CountDownLatch(1);
        Thread pooled = parked("mysql-cj-abandoned-connection-cleanup", true, release);
        Thread impostor = parked("process reaper", false, release);
        Thread daemon = parked("some-client-timer", true, release);
        try {
            assertEquals(List.of("process reaper", "some-client-timer (daemon)"), leaks.leakedAfter(Duration.ofMillis(100)));
        } finally {
            release.countDown();
            pooled.join();
            impostor.join();
            daemon.join();
        }
    }
}
