package dev.serverlessmysql.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.NetworkFaults;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short chaos run CI does on every build: every kind of fault during the load, and nothing acknowledged lost.
 * The long run is {@code mvn -B -pl chaos -am verify -DskipTests -Dchaos.run=long}.
 */
@MySqlTest(networkFaults = true, serverVariables = {ChaosPlan.MAX_CONNECTIONS_VARIABLE, ChaosPlan.WAIT_TIMEOUT_VARIABLE,
        ChaosPlan.LOCK_WAIT_VARIABLE})
class ChaosTest {

    /** Black holes, latency and failovers are part of the run; {@code -Dchaos.network=false} leaves them out. */
    private static final ChaosPlan PLAN = ChaosPlan.networkFaults() ? ChaosPlan.shortRun()
            : ChaosPlan.shortRun().withoutNetworkFaults();

    @Test
    @Timeout(180)
    void loadUnderEveryFaultLosesNoAcknowledgedWriteAndRecovers(MySqlDatabase db, NetworkFaults network) throws Exception {
        ChaosResult r = new ChaosRun(db, network, PLAN, System.getProperty("chaos.driver", "mysql")).run();
        System.out.println(r.markdown());

        for (Fault f : PLAN.expectedFaults()) {
            assertTrue(r.faults().getOrDefault(f, 0) > 0, "no " + f.description() + " happened: " + r.faults());
        }
        assertEquals(r.plan().invocations(), r.invocations());
        assertTrue(r.acknowledged() > r.plan().invocations() / 2, "most transfers went through: " + r.acknowledged());
        assertEquals(0, r.lost(), "acknowledged writes lost");
        assertTrue(r.invariantHolds(), "the ledger invariant");
        assertEquals(List.of(), r.unexplained(), "failures while the server was up");
        assertTrue(r.failuresByFault().getOrDefault(Fault.CRASH_RESTART, 0) > 0, "the crash was long enough to fail some invocations");
        assertEquals(r.faults().get(Fault.CRASH_RESTART), r.recoveries().size());
        assertEquals(r.faults().getOrDefault(Fault.FAILOVER, 0), r.failoverRecoveries().size());
        for (Duration d : r.recoveries()) {
            assertTrue(d.compareTo(ChaosResult.RECOVERY_BOUND) <= 0, "recovered in " + d.toMillis() + " ms");
        }
        for (Duration d : r.failoverRecoveries()) {
            assertTrue(d.compareTo(ChaosResult.RECOVERY_BOUND) <= 0, "recovered from a failover in " + d.toMillis() + " ms");
        }
        assertTrue(PLAN.blackholes() == 0 || r.failuresByFault().getOrDefault(Fault.BLACKHOLE, 0) > 0,
                "the black hole outlasted the function's timeout, so invocations caught in it must fail: " + r.failuresByFault());
        for (Duration d : r.timesToException()) {
            assertTrue(d.compareTo(r.plan().functionTimeout()) <= 0, "an exception " + d.toMillis() + " ms into a black hole");
        }
        assertEquals(List.of(), r.leakedThreads(), "threads leaked");
        assertEquals(0, r.leakedSessions(), "sessions leaked");
        assertEquals(List.of(), r.violations());
    }
}
