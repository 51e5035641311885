package dev.serverlessmysql.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each property the chaos run must prove is checked, so a broken run cannot pass. */
class ChaosResultTest {

    private static final Map<Fault, Integer> ONE_CRASH = Map.of(Fault.CRASH_RESTART, 1);

    private static ChaosResult result(int lost, boolean invariant, List<Duration> recoveries, List<String> threads,
            int sessions, List<String> unexplained) {
        return new ChaosResult(ChaosPlan.shortRun(), ONE_CRASH, 100, 3, 3 - unexplained.size(), 97, lost, 0, 1, 0,
                invariant, recoveries, threads, sessions, unexplained, List.of(), Duration.ofSeconds(1));
    }

    private static ChaosResult passing() {
        return result(0, true, List.of(Duration.ofMillis(20)), List.of(), 0, List.of());
    }

    @Test
    void aCleanRunHasNoViolationsAndSaysSo() {
        assertEquals(List.of(), passing().violations());
        assertTrue(passing().markdown().contains("| writes lost (must be 0) | 0 |"), passing().markdown());
        assertTrue(passing().markdown().contains("Every property held."));
    }

    @Test
    void everyBrokenPropertyIsAViolation() {
        assertViolation(result(2, true, List.of(Duration.ofMillis(20)), List.of(), 0, List.of()), "missing from the ledger");
        assertViolation(result(0, false, List.of(Duration.ofMillis(20)), List.of(), 0, List.of()), "half-applied");
        assertViolation(result(0, true, List.of(Duration.ofMillis(1500)), List.of(), 0, List.of()), "recovery took 1500 ms");
        assertViolation(result(0, true, List.of(), List.of(), 0, List.of()), "no acknowledged transfer after 1");
        assertViolation(result(0, true, List.of(Duration.ofMillis(20)), List.of("t"), 0, List.of()), "threads leaked");
        assertViolation(result(0, true, List.of(Duration.ofMillis(20)), List.of(), 2, List.of()), "2 sessions");
        assertViolation(result(0, true, List.of(Duration.ofMillis(20)), List.of(), 0, List.of("transfer 7")),
                "while the server was up");
    }

    private static void assertViolation(ChaosResult r, String fragment) {
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).contains(fragment), r.violations().toString());
        assertTrue(r.markdown().contains("VIOLATIONS"));
    }
}
