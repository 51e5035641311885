package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.handlers.LoggingHandler;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each failure carries what its invocation logged, through the context and System.out/err of its container. */
class FailureLogsTest {

    @Test
    void aFailureCarriesWhatItsInvocationLoggedAndPrinted() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        SimulationReport report = LambdaSimulator.forHandler(LoggingHandler.class)
                .containers(2).invocations(10).concurrency(2)
                .event(i -> i == 7 ? Map.of("i", i, "fail", true) : Map.of("i", i))
                .run();

        assertEquals(1, report.failed());
        SimulationReport.Failure failure = report.firstFailure().orElseThrow();
        assertEquals(7, failure.invocation());
        String logs = failure.logs();
        assertTrue(logs.contains("logger line of invocation 7"), logs);
        assertTrue(logs.contains("stdout line of invocation 7"), logs);
        assertTrue(logs.contains("stderr line of invocation 7"), logs);
        assertTrue(logs.contains("worker thread line of invocation 7"), logs);
        assertTrue(logs.indexOf("logger line") < logs.indexOf("stdout line"), "in the order written: " + logs);
        for (int other = 0; other < 10; other++) {
            if (other != 7) {
                assertFalse(logs.contains("invocation " + other + "\n") || logs.contains("invocation " + other + "\r"),
                        "only this invocation's lines: " + logs);
            }
        }
        assertTrue(report.failureLogs(5).contains("    stdout line of invocation 7"), report.failureLogs(5));
        assertSame(out, System.out, "the real streams are back after the run");
        assertSame(err, System.err);
    }

    @Test
    void aDirectInvocationsResultCarriesTheContainersOutput() {
        try (SimulatedContainer container = LambdaSimulator.forHandler(LoggingHandler.class).container()) {
            InvocationResult<Object> result = container.invoke(Map.of("i", 3));
            assertTrue(result.succeeded());
            assertTrue(result.logs().contains("logger line of invocation 3"), result.logs());
            assertTrue(result.logs().contains("stdout line of invocation 3"), result.logs());
            assertEquals("logger line of invocation 3\n", result.context().logs());
        }
    }

    @Test
    void theLogOfOneInvocationIsBounded() {
        ContainerLog log = new ContainerLog();
        log.begin();
        byte[] chunk = new byte[1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 100; i++) {
            log.append(chunk, 0, chunk.length);
        }
        String text = log.end();
        assertTrue(text.startsWith("x".repeat(1000)));
        assertTrue(text.contains("[... " + (100 * 1024 - ContainerLog.LIMIT) + " more bytes not kept]"), text.substring(text.length() - 80));
        assertFalse(log.append(chunk, 0, 1), "outside an invocation, output goes to the real streams");
    }
}
