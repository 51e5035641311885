package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoke run of the round-trip counts: every workload is counted under both settings by the server itself. */
class StatementBenchTest {

    @Test
    void smokeRunCountsEveryWorkloadUnderBothSettings() {
        StatementBench.Figures f = new StatementBench(true).measure();
        assertEquals(4, f.rows().size());
        for (StatementBench.Row r : f.rows()) {
            assertTrue(r.newDefaults().roundTrips() >= r.asked(), "the handler's own statements reach the server: " + r);
        }
        StatementBench.Row end = f.rows().get(1);
        assertTrue(end.oldDefaults().roundTrips() > end.newDefaults().roundTrips() + 0.5,
                "usedConnsFreq 0 asks at every end(): " + end);
        String md = StatementBench.markdown(f, null);
        System.out.println(md);
        assertTrue(md.contains("| one query + `end()` | 1 | "), md);
        assertTrue(md.contains("| under the storm (section 1) | 1-3 | the storm section did not run"), md);
    }
}
