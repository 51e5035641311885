package dev.serverlessmysql.bench;

import java.util.Map;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.Test;

/**
 * Test classes that hand a live database to a benchmark: {@link #run} runs one through JUnit, so the benchmark gets a
 * server started by test-support exactly as a test suite would, and runs inside the test method while it lives.
 */
final class ServerFixtures {

    /** The work of a benchmark, given the database. */
    @FunctionalInterface
    interface Task {
        void run(MySqlDatabase db) throws Exception;
    }

    private static volatile Task task;

    private ServerFixtures() {
    }

    /** Runs {@code work} inside the test method of {@code fixture}; JUnitRunner fails loudly if it throws. */
    static synchronized void run(Class<?> fixture, Task work) {
        task = work;
        try {
            JUnitRunner.run(fixture, Map.of());
        } finally {
            task = null;
        }
    }

    /** A class database on the shared server. */
    @MySqlTest
    public static final class SharedServer {
        @Test
        void runsTheBenchmark(MySqlDatabase db) throws Exception {
            task.run(db);
        }
    }

    /** A dedicated server that nothing else uses, so that its global counters count only the benchmark's clients. */
    @MySqlTest(dedicatedServer = true)
    public static final class CountedServer {
        @Test
        void runsTheBenchmark(MySqlDatabase db) throws Exception {
            task.run(db);
        }
    }

    /** A dedicated server with room for only 20 connections, as a small RDS instance has. */
    @MySqlTest(dedicatedServer = true, serverVariables = {"max_connections=" + StormBench.MAX_CONNECTIONS, "wait_timeout=600"})
    public static final class SmallServer {
        @Test
        void runsTheBenchmark(MySqlDatabase db) throws Exception {
            task.run(db);
        }
    }
}
