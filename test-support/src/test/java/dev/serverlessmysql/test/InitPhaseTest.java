package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.handlers.FlakyInitHandler;
import dev.serverlessmysql.test.handlers.SlowInitHandler;
import dev.serverlessmysql.test.handlers.shared.Probe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The init phase: before the first invocation, under its own limit, reported apart, retried once, then an InitError. */
class InitPhaseTest {

    private static final Map<String, Object> EVENT = Map.of("i", 0);
    private static final String SHARED = "dev.serverlessmysql.test.handlers.shared.";

    @BeforeEach
    void resetProbe() {
        Probe.INIT_ATTEMPTS.set(0);
    }

    @Test
    void initRunsBeforeTheFirstInvocationAndIsNotChargedToItsTimeout() {
        // the init alone takes longer than the function's timeout (3 s)
        SimulationReport report = LambdaSimulator.forHandler(SlowInitHandler.class)
                .environment("INIT_MILLIS", "3500")
                .containers(2).invocations(4).concurrency(2).event(EVENT)
                .run();

        report.assertAllSucceeded();
        assertEquals(0, report.timedOut());
        assertEquals(0, report.initRetries());
        assertEquals(report.coldStarts(), report.initDurations().count());
        assertTrue(report.initDurations().p50().compareTo(Duration.ofMillis(3500)) >= 0, report.summary());
        // every invocation succeeded within its 3 s timeout, so none of them was charged the 3.5 s init
        assertTrue(report.latency().max().compareTo(Duration.ofMillis(3500)) < 0, report.summary());
        assertTrue(report.summary().contains("init phases: p50"), report.summary());
    }

    @Test
    void aFailedInitIsRetriedInsideTheFirstInvocation() {
        SimulationReport report = LambdaSimulator.forHandler(FlakyInitHandler.class).share(SHARED)
                .environment("DB_URL", "jdbc:mysql://db:3306/orders")
                .timeout(Duration.ofSeconds(30)) // the retried init counts against it; loaded CI machines are slow
                .containers(1).invocations(3).concurrency(1).event(EVENT)
                .run();

        report.assertAllSucceeded();
        assertEquals(1, report.initRetries(), report.summary());
        assertEquals(1, report.coldStarts());
        assertEquals(2, Probe.INIT_ATTEMPTS.get(), "one init in the init phase, one retried inside the invocation");
        assertEquals(0, report.initDurations().count(), "the retried init is billed to the invocation, as in Lambda");
    }

    @Test
    void anInitThatFailsAgainIsARuntimeInitErrorThatCarriesItsLogs() {
        SimulationReport report = LambdaSimulator.forHandler(FlakyInitHandler.class).share(SHARED)
                .environment("DB_URL", "jdbc:mysql://db:3306/orders").environment("FAIL_INIT", "yes")
                .containers(1).invocations(2).concurrency(1).event(EVENT)
                .run();

        assertEquals(2, report.failed());
        assertEquals(0, report.coldStarts());
        assertEquals(4, Probe.INIT_ATTEMPTS.get(), "each invocation finds a fresh environment and tries twice");
        SimulationReport.Failure failure = report.firstFailure().orElseThrow();
        assertEquals(SimulationReport.Phase.INIT, failure.phase());
        assertEquals("Runtime.InitError", failure.errorType());
        assertTrue(failure.errorMessage().contains("cannot reach the database at jdbc:mysql://db:3306/orders"),
                failure.errorMessage());
        assertTrue(failure.logs().contains("init attempt 1, connecting to jdbc:mysql://db:3306/orders"), failure.logs());
        assertTrue(failure.logs().contains("init attempt 2"), failure.logs());
        assertTrue(failure.logs().contains("INIT_REPORT Init Duration:"), failure.logs());
        assertTrue(failure.logs().contains("Status: error\tError Type: Runtime.InitError"), failure.logs());
        assertTrue(failure.logs().contains("java.lang.IllegalStateException: cannot reach the database"), failure.logs());
        assertTrue(report.failureLogs(1).contains("    init attempt 1"), report.failureLogs(1));
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, report::assertAllSucceeded);
        assertTrue(error.getMessage().contains("init attempt 1, connecting to"), error.getMessage());
    }

    @Test
    void anInitOverTheLimitIsRetriedUnderTheFunctionsTimeout() {
        SimulationReport report = LambdaSimulator.forHandler(SlowInitHandler.class)
                .environment("INIT_MILLIS", "400")
                .initTimeout(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(30))
                .containers(1).invocations(2).concurrency(1).event(EVENT)
                .run();

        report.assertAllSucceeded();
        assertEquals(1, report.initRetries());
        assertTrue(report.latencyOfAll().max().compareTo(Duration.ofMillis(400)) >= 0,
                "the retried init ran inside the first invocation: " + report.summary());
    }

    @Test
    void anInitOverTheLimitAndTheTimeoutFailsAsAnInitError() {
        try (SimulatedContainer container = LambdaSimulator.forHandler(SlowInitHandler.class)
                .environment("INIT_MILLIS", "2000")
                .initTimeout(Duration.ofMillis(100))
                .timeout(Duration.ofMillis(200))
                .container()) {
            InvocationResult<Object> result = container.invoke(EVENT);
            assertTrue(result.failed());
            assertEquals("Runtime.InitError", result.errorType());
            assertTrue(result.errorMessage().contains("did not finish within the init limit (100 ms)"), result.errorMessage());
            assertTrue(result.json().contains("\"errorType\":\"Runtime.InitError\""), result.json());
            assertTrue(result.logs().contains("Status: timeout"), result.logs());
            assertEquals(0, container.coldStarts());
        }
    }

    @Test
    void initTimeoutIsValidated() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(SlowInitHandler.class);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> simulator.initTimeout(Duration.ZERO));
    }
}
