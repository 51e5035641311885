package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoke run of the connection storm: every strategy runs its invocations and the report shows each one. */
class StormBenchTest {

    @Test
    void smokeRunComparesEveryStrategyOnAFullServer() {
        StormBench.Figures f = new StormBench(true).measure();
        assertEquals(StormHandlers.Strategy.values().length, f.loaded().size());
        for (StormBench.Row r : f.loaded()) {
            assertEquals(f.invocations(), r.invocations(), r.toString());
            assertTrue(r.peakConnections() > 0, r.toString());
        }
        StormBench.Row naive = f.loaded().get(0);
        assertTrue(naive.succeeded() < naive.invocations(), "the naive handler must run out of connections: " + naive);
        assertTrue(f.unloaded().succeeded() > 0 && f.unloaded().p99() > 0, f.unloaded().toString());
        assertEquals(f.invocations(), f.oldDefaults().invocations(), f.oldDefaults().toString());
        assertTrue(f.managedCost().roundTrips() >= f.askedPerInvocation(), "every query reaches the server: " + f);
        assertTrue(f.oldDefaultsCost().roundTrips() >= f.askedPerInvocation(), f.toString());
        String md = StormBench.markdown(f);
        System.out.println(md);
        assertTrue(md.contains("| (d) ServerlessMysql with end() | "), md);
        assertTrue(md.contains("| p99 within 5x of its unloaded p99 | "), md);
        assertTrue(md.contains("old default `usedConnsFreq` 0"), md);
    }
}
