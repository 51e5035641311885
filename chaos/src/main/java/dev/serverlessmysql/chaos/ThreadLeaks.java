package dev.serverlessmysql.chaos;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Threads started during a run and still alive after it. Daemon threads that the JDK and the JDBC drivers keep once
 * per JVM (and reuse) are not leaks: the driver's abandoned-connection cleaner, the process reaper that watches the
 * restarted server, the common fork-join pool and the JDK's cleaners.
 */
final class ThreadLeaks {

    private static final List<String> POOLED = List.of("mysql-cj-abandoned-connection-cleanup", "process reaper",
            "ForkJoinPool.commonPool", "Common-Cleaner", "InnocuousThread", "Attach Listener");

    private final Set<Thread> before;

    private ThreadLeaks(Set<Thread> before) {
        this.before = before;
    }

    /** Remembers the threads alive now. */
    static ThreadLeaks snapshot() {
        return new ThreadLeaks(new HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /** The names of threads started since the snapshot that are still alive after up to {@code grace} of waiting. */
    List<String> leakedAfter(Duration grace) throws InterruptedException {
        long end = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t) && !pooled(t))
                    .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
                    .sorted()
                    .collect(Collectors.toList());
            if (leaked.isEmpty() || System.nanoTime() - end > 0) {
                return leaked;
            }
            Thread.sleep(50);
        }
    }

    private static boolean pooled(Thread t) {
        return t.isDaemon() && POOLED.stream().anyMatch(t.getName()::startsWith);
    }
}
