package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The simulator's lifecycle without a database: containers, cold starts, reaping, freezes, timeouts, the report. */
class LambdaSimulatorTest {

    /** What the handler instances of one run saw. */
    static final class Stats {
        final AtomicInteger constructed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicInteger live = new AtomicInteger();
        final Set<String> threadsPerInstance = ConcurrentHashMap.newKeySet();
        final List<Integer> instancesWithSeveralThreads = new ArrayList<>();
    }

    /** Counts itself, notices concurrent entry, and never expects close() to be called. */
    static final class CountingHandler implements RequestHandler<Map<String, Object>, Integer>, AutoCloseable {
        private final Stats stats;
        private final int instance;
        private final AtomicBoolean inside = new AtomicBoolean();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private int invocations;

        CountingHandler(Stats stats) {
            this.stats = stats;
            this.instance = stats.constructed.incrementAndGet();
            stats.live.incrementAndGet();
        }

        @Override
        public Integer handleRequest(Map<String, Object> event, Context context) {
            if (!inside.compareAndSet(false, true)) {
                stats.overlaps.incrementAndGet();
            }
            try {
                threads.add(Thread.currentThread());
                if (threads.size() > 1) {
                    synchronized (stats.instancesWithSeveralThreads) {
                        stats.instancesWithSeveralThreads.add(instance);
                    }
                }
                int i = ((Number) event.get("i")).intValue();
                if (event.containsKey("fail")) {
                    throw new IllegalStateException("invocation " + i + " failed on purpose");
                }
                if (event.containsKey("hang")) {
                    Thread.sleep(30_000);
                }
                Thread.sleep(2);
                return ++invocations;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } finally {
                inside.set(false);
            }
        }

        @Override
        public void close() {
            stats.closed.incrementAndGet();
            stats.live.decrementAndGet();
        }
    }

    private static Map<String, Object> event(int i) {
        return Map.of("i", i);
    }

    @Test
    void containersReuseOneHandlerInstanceOneInvocationAtATime() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(5).invocations(120).concurrency(3).event(LambdaSimulatorTest::event).run();

        report.assertAllSucceeded();
        assertEquals(120, report.invocations());
        assertEquals(120, report.succeeded());
        assertEquals(1.0, report.successRate());
        assertTrue(report.coldStarts() >= 1 && report.coldStarts() <= 5, "at most one cold start per container: " + report);
        assertEquals(stats.constructed.get(), report.coldStarts());
        assertEquals(0, stats.overlaps.get(), "a container never runs two invocations at once");
        assertEquals(List.of(), stats.instancesWithSeveralThreads, "a container always uses its one runtime thread");
        assertTrue(report.concurrency() >= 1 && report.concurrency() <= 3, "concurrency " + report.concurrency());
        assertEquals(report.coldStarts(), report.initDurations().count());
        assertEquals(120, report.latency().count());
        assertTrue(report.latency().p50().compareTo(report.latency().p99()) <= 0);
        assertTrue(report.summary().contains("120 invocations over 5 containers"), report.summary());
    }

    @Test
    void reapedContainersAreDroppedWithoutCloseAndStartCold() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(4).invocations(80).concurrency(2).event(LambdaSimulatorTest::event).reap(0.5).run();

        report.assertAllSucceeded();
        assertTrue(report.containersReaped() >= 1 && report.containersReaped() <= 2, report.summary());
        assertEquals(0, stats.closed.get(), "no close, no shutdown hook: the connection is left as a zombie");
        assertEquals(stats.constructed.get(), report.coldStarts());
        assertTrue(report.coldStarts() > report.containersReaped(), "reaped containers come back as cold starts");
    }

    @Test
    void failuresAreReportedWithTheirExceptions() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(3).invocations(30).concurrency(2)
                .event(i -> i % 10 == 0 ? Map.of("i", i, "fail", true) : event(i)).run();

        assertEquals(3, report.failed());
        assertEquals(27, report.succeeded());
        assertEquals(0.9, report.successRate(), 1e-9);
        assertEquals(List.of(0, 10, 20), report.failures().stream().map(SimulationReport.Failure::invocation).toList());
        SimulationReport.Failure first = report.firstFailure().orElseThrow();
        assertInstanceOf(IllegalStateException.class, first.error());
        assertEquals("invocation 0 failed on purpose", first.errorMessage());
        assertEquals(SimulationReport.Phase.INVOKE, first.phase());
        assertEquals(-1, first.sqlErrorCode());
        assertEquals(Map.of("java.lang.IllegalStateException", 3), report.failureCounts());
        AssertionError summary = assertThrows(AssertionError.class, report::assertAllSucceeded);
        assertSame(first.error(), summary.getCause());
        assertTrue(summary.getMessage().contains("3 of 30 Lambda invocations failed"), summary.getMessage());
    }

    @Test
    void aTimeoutResetsTheContainerAsLambdaRestartsTheRuntime() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(1).invocations(6).concurrency(1).timeout(Duration.ofMillis(150))
                .event(i -> i == 2 ? Map.of("i", i, "hang", true) : event(i)).run();

        assertEquals(1, report.timedOut());
        assertEquals(SimulationReport.Phase.TIMEOUT, report.firstFailure().orElseThrow().phase());
        assertEquals("Sandbox.Timedout", report.firstFailure().orElseThrow().errorType());
        assertEquals(2, report.coldStarts(), "the invocation after the timeout starts cold");
        assertTrue(report.failures().get(0).container().equals("c1"));
        assertEquals(0, stats.closed.get());
    }

    @Test
    void frozenContainersTakeNoInvocationsUntilTheyThaw() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(2).invocations(6).concurrency(1).freezes(1.0, Duration.ofMillis(120))
                .event(LambdaSimulatorTest::event).run();

        report.assertAllSucceeded();
        assertEquals(6, report.freezes());
        assertTrue(report.wallTime().compareTo(Duration.ofMillis(2 * 120)) >= 0,
                "with both containers frozen after every call, the run has to wait: " + report.wallTime());
    }

    @Test
    void aFailingColdStartIsRetriedInsideTheFirstInvocation() {
        AtomicInteger attempts = new AtomicInteger();
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.<Map<String, Object>>forHandler(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("cannot read DB_URL");
            }
            return new CountingHandler(stats);
        }).containers(1).invocations(3).concurrency(1).event(LambdaSimulatorTest::event).run();

        report.assertAllSucceeded();
        assertEquals(1, report.initRetries(), "Lambda retries a failed init inside the first invocation");
        assertEquals(1, report.coldStarts());
        assertEquals(2, attempts.get());
    }

    @Test
    void aColdStartThatFailsTwiceIsAnInitError() {
        AtomicInteger attempts = new AtomicInteger();
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.<Map<String, Object>>forHandler(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("cannot read DB_URL");
            }
            return new CountingHandler(stats);
        }).containers(1).invocations(3).concurrency(1).event(LambdaSimulatorTest::event).run();

        assertEquals(1, report.failed());
        SimulationReport.Failure failure = report.failures().get(0);
        assertEquals(SimulationReport.Phase.INIT, failure.phase());
        assertEquals("Runtime.InitError", failure.errorType());
        assertTrue(failure.errorMessage().contains("cannot read DB_URL"), failure.errorMessage());
        assertTrue(failure.coldStart());
        assertEquals(1, report.coldStarts(), "the next invocation found a fresh environment and started it");
        assertEquals(2, report.succeeded());
    }

    @Test
    void samplesTheConnectionCountAndReportsThePeak() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(3).invocations(60).concurrency(3).event(LambdaSimulatorTest::event)
                .connectionCounter(stats.live::get).sampleEvery(Duration.ofMillis(5)).run();

        assertFalse(report.connectionSamples().isEmpty());
        assertEquals(report.coldStarts(), report.peakServerConnections().orElseThrow(),
                "each started container holds one 'connection' here and none is ever closed");
        assertTrue(report.summary().contains("peak server connections: " + report.coldStarts()), report.summary());
    }

    @Test
    void percentilesUseNearestRank() {
        List<Duration> durations = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            durations.add(Duration.ofMillis(i));
        }
        SimulationReport.Latency latency = SimulationReport.Latency.of(durations);
        assertEquals(Duration.ofMillis(50), latency.p50());
        assertEquals(Duration.ofMillis(90), latency.p90());
        assertEquals(Duration.ofMillis(95), latency.p95());
        assertEquals(Duration.ofMillis(99), latency.p99());
        assertEquals(Duration.ofMillis(100), latency.max());
        assertEquals(Duration.ofNanos(50_500_000), latency.mean());
        assertEquals(0, SimulationReport.Latency.of(List.of()).count());
    }

    @Test
    void settingsAreValidated() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(() -> new CountingHandler(new Stats()));
        assertEquals("containers must be 1 or more, got 0",
                assertThrows(IllegalArgumentException.class, () -> simulator.containers(0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simulator.reap(1.5)).getMessage()
                .contains("between 0 and 1"));
        assertThrows(IllegalArgumentException.class, () -> simulator.thinkTime(Duration.ofMillis(5), Duration.ofMillis(1)));
        assertTrue(assertThrows(IllegalStateException.class, () -> simulator.freezesBeyondWaitTimeout(0.5).run())
                .getMessage().contains("call database(db) too"));
    }

    @Test
    void freezesHappenAtALowProbabilityWithoutThinkTime() {
        Stats stats = new Stats();
        SimulationReport report = LambdaSimulator.forHandler(() -> new CountingHandler(stats))
                .containers(4).invocations(1000).concurrency(2).event(LambdaSimulatorTest::event)
                .freezes(0.05, Duration.ofMillis(1)).seed(7).run();

        report.assertAllSucceeded();
        // 5 % of 1000 is 50; a seeding flaw once made every draw land above ~0.58, so no freeze ever happened
        assertTrue(report.freezes() >= 20 && report.freezes() <= 90, report.summary());
    }
}
