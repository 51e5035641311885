package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoke run of the connection storm: every strategy runs its invocations and the report shows each one. */
class StormBenchTest {

    @Test
    void smokeRunComparesEveryStrategyOnAFullServer() {
        StormBench.Figures f = new StormBench(true).measure();
        assertEquals(StormHandlers.Strategy.values().length - 1, f.baselines().size());
        for (StormBench.Row r : f.baselines()) {
            assertEquals(f.invocations(), r.invocations(), r.toString());
            assertTrue(r.peakConnections() > 0, r.toString());
        }
        StormBench.Row naive = f.baselines().get(0);
        assertTrue(naive.succeeded() < naive.invocations(), "the naive handler must run out of connections: " + naive);
        for (StormBench.Variant v : new StormBench.Variant[] {f.unloaded(), f.managed(), f.oldDefaults()}) {
            assertEquals(f.rounds(), v.rounds().size(), v.toString());
            assertEquals(f.rounds() * f.invocations(), v.invocations(), v.toString());
            assertTrue(v.succeeded() > 0 && v.median(StormBench.Row::p99) > 0, v.toString());
            assertTrue(v.cost().roundTrips() >= f.askedPerInvocation(), "every query reaches the server: " + v);
        }
        assertTrue(f.unloaded().rounds().get(0).peakConnections() > StormBench.MAX_CONNECTIONS,
                "unloaded, the containers are not limited to the storm's max_connections: " + f.unloaded());
        assertTrue(f.managed().cost().connections() > 0, "under the storm containers reconnect: " + f.managed());
        String md = StormBench.markdown(f);
        System.out.println(md);
        assertTrue(md.contains("| (d) ServerlessMysql with end(), default settings | "), md);
        assertTrue(md.contains("| p99 within 5x of its unloaded p99 | "), md);
        assertTrue(md.contains("old default `usedConnsFreq` 0"), md);
    }
}
