package dev.serverlessmysql.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each property the chaos run must prove is checked, so a broken run cannot pass. */
class ChaosResultTest {

    private static final Map<Fault, Integer> FAULTS = Map.of(Fault.CRASH_RESTART, 1, Fault.FAILOVER, 1, Fault.BLACKHOLE, 1);
    private static final List<Duration> FAST = List.of(Duration.ofMillis(20));

    private static ChaosResult result(int lost, boolean invariant, List<Duration> recoveries, List<Duration> failovers,
            List<Duration> toException, List<String> threads, int sessions, List<String> unexplained) {
        return new ChaosResult(ChaosPlan.shortRun(), FAULTS, 100, 3, 3 - unexplained.size(), Map.of(Fault.BLACKHOLE, 3),
                97, lost, 0, 0, 1, 0, invariant, recoveries, failovers, FAST, toException, threads, sessions, unexplained,
                List.of(), Duration.ofSeconds(1));
    }

    private static ChaosResult passing() {
        return result(0, true, FAST, FAST, List.of(Duration.ofSeconds(5)), List.of(), 0, List.of());
    }

    @Test
    void aCleanRunHasNoViolationsAndSaysSo() {
        assertEquals(List.of(), passing().violations());
        String md = passing().markdown();
        assertTrue(md.contains("| writes lost (must be 0) | 0 |"), md);
        assertTrue(md.contains("| network black hole | 1 | 3 |"), md);
        assertTrue(md.contains("| black hole to exception (ms): median / worst | 5000 / 5000 |"), md);
        assertTrue(md.contains("| failover to the first acknowledged write (ms): median / worst | 20 / 20 |"), md);
        assertTrue(md.contains("Every property held."));
    }

    @Test
    void everyBrokenPropertyIsAViolation() {
        List<Duration> ok = List.of(Duration.ofSeconds(5));
        assertViolation(result(2, true, FAST, FAST, ok, List.of(), 0, List.of()), "missing from the ledger");
        assertViolation(result(0, false, FAST, FAST, ok, List.of(), 0, List.of()), "half-applied");
        assertViolation(result(0, true, List.of(Duration.ofMillis(1500)), FAST, ok, List.of(), 0, List.of()),
                "recovery took 1500 ms after the server came back");
        assertViolation(result(0, true, List.of(), FAST, ok, List.of(), 0, List.of()), "no acknowledged transfer after 1 of the restarts");
        assertViolation(result(0, true, FAST, List.of(Duration.ofMillis(2500)), ok, List.of(), 0, List.of()),
                "recovery took 2500 ms after the failover");
        assertViolation(result(0, true, FAST, List.of(), ok, List.of(), 0, List.of()), "no acknowledged transfer after 1 of the failovers");
        assertViolation(result(0, true, FAST, FAST, List.of(Duration.ofSeconds(9)), List.of(), 0, List.of()),
                "later than the function's timeout");
        assertViolation(result(0, true, FAST, FAST, ok, List.of("t"), 0, List.of()), "threads leaked");
        assertViolation(result(0, true, FAST, FAST, ok, List.of(), 2, List.of()), "2 sessions");
        assertViolation(result(0, true, FAST, FAST, ok, List.of(), 0, List.of("transfer 7")), "outside the faults");
    }

    @Test
    void summariesAreTheMedianAndTheWorst() {
        assertEquals(List.of(), ChaosResult.summary(List.of()));
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(90)),
                ChaosResult.summary(List.of(Duration.ofMillis(90), Duration.ofMillis(10), Duration.ofMillis(20))));
        assertEquals(List.of(Duration.ofMillis(15), Duration.ofMillis(20)),
                ChaosResult.summary(List.of(Duration.ofMillis(20), Duration.ofMillis(10))));
    }

    private static void assertViolation(ChaosResult r, String fragment) {
        assertEquals(1, r.violations().size(), r.violations().toString());
        assertTrue(r.violations().get(0).contains(fragment), r.violations().toString());
        assertTrue(r.markdown().contains("VIOLATIONS"));
    }
}
