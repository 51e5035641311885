package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.network.TcpProxy;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What the extension does with a class's proxy: heals it before each test, refuses it without the flag, ends it with the class. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkFaultsLifecycleTest {

    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
    private static final CyclicBarrier BOTH_CLASSES = new CyclicBarrier(2);
    private static final long BARRIER_SECONDS = 60;

    @Fixtures.Fixture
    @MySqlTest(networkFaults = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeavesFaultsBehind {
        @Test
        @Order(1)
        void breaksEverything(NetworkFaults faults) {
            faults.routeTo(faults.standby().server());
            faults.latency(Duration.ofMinutes(10));
            faults.refuseNew();
            faults.blackhole();
        }

        @Test
        @Order(2)
        void startsOnAHealedNetworkToTheClassServer(NetworkFaults faults, MySqlDatabase db) throws SQLException {
            assertSame(db.server(), faults.server());
            try (Connection c = Through.connect(faults, "mysql", "socketTimeout=10000", "connectTimeout=10000")) {
                assertEquals(db.server().port(), Through.single(c, "SELECT @@port"));
            }
            assertTrue(faults.toString().endsWith("-> " + db.server() + "]"), faults.toString());
        }
    }

    @Fixtures.Fixture
    @MySqlTest
    static class WithoutTheFlag {
        @Test
        void asksForFaults(NetworkFaults faults) {
            assertNotNull(faults);
        }
    }

    @Fixtures.Fixture
    @MySqlTest(networkFaults = true)
    static class LeavesConnectionsOpen {
        @Test
        void opensAndBlackholes(NetworkFaults faults) throws SQLException {
            PORTS.put("proxy", faults.port());
            PORTS.put("standby", faults.standby().server().port());
            Connection left = Through.connect(faults, "mariadb");
            assertEquals(1, Through.single(left, "SELECT 1"));
            faults.blackhole();
        }
    }

    @Fixtures.Fixture
    @MySqlTest(networkFaults = true)
    static class BlackholedInParallel {
        @Test
        void timesOutWhileTheOtherClassWorks(NetworkFaults faults) throws Exception {
            PORTS.put("blackholed", faults.port());
            try (Connection c = Through.connect(faults, "mysql", "socketTimeout=1000")) {
                faults.blackhole();
                BOTH_CLASSES.await(BARRIER_SECONDS, TimeUnit.SECONDS);
                SQLException e = assertThrows(SQLException.class, () -> Through.single(c, "SELECT 1"));
                assertTrue(Through.timedOut(e), Through.describe(e));
                BOTH_CLASSES.await(BARRIER_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Fixtures.Fixture
    @MySqlTest(networkFaults = true)
    static class HealthyInParallel {
        @Test
        void worksWhileTheOtherClassIsBlackholed(NetworkFaults faults) throws Exception {
            PORTS.put("healthy", faults.port());
            BOTH_CLASSES.await(BARRIER_SECONDS, TimeUnit.SECONDS);
            try (Connection c = Through.connect(faults, "mariadb", "socketTimeout=10000")) {
                assertEquals(1, Through.single(c, "SELECT 1"));
            }
            BOTH_CLASSES.await(BARRIER_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger MOST_AT_ONCE = new java.util.concurrent.atomic.AtomicInteger();

    @Fixtures.Fixture
    @MySqlTest(networkFaults = true)
    static class MethodsThatBlackholeInParallel {
        @Test
        void first(NetworkFaults faults) throws Exception {
            blackholesAlone(faults);
        }

        @Test
        void second(NetworkFaults faults) throws Exception {
            blackholesAlone(faults);
        }

        @Test
        void third(NetworkFaults faults) throws Exception {
            blackholesAlone(faults);
        }

        private static void blackholesAlone(NetworkFaults faults) throws SQLException {
            MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try (Connection c = Through.connect(faults, "mysql", "socketTimeout=5000", "connectTimeout=5000")) {
                assertEquals(1, Through.single(c, "SELECT 1"), "the method starts on a healed network");
                faults.blackhole();
                SQLException e = assertThrows(SQLException.class, () -> Through.single(c, "SELECT 2"));
                assertTrue(Through.timedOut(e), Through.describe(e));
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    @Test
    void methodsOfAClassWithNetworkFaultsRunOneAtATimeUnderParallelExecution() {
        MOST_AT_ONCE.set(0);
        EngineExecutionResults results = Fixtures.run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"),
                MethodsThatBlackholeInParallel.class);
        assertNull(Fixtures.failure(results), Fixtures.failure(results));
        assertEquals(3, results.testEvents().succeeded().count());
        assertEquals(1, MOST_AT_ONCE.get(), "one method's black hole would break another's connections");
    }

    @Test
    void everyTestStartsHealedAndRoutedToTheClassServer() {
        EngineExecutionResults results = Fixtures.run(LeavesFaultsBehind.class, Map.of());
        assertNull(Fixtures.failure(results), Fixtures.failure(results));
        assertEquals(2, results.testEvents().succeeded().count());
    }

    @Test
    void askingForFaultsWithoutTheFlagNamesTheFix() {
        String failure = Fixtures.failure(Fixtures.run(WithoutTheFlag.class, Map.of()));
        assertNotNull(failure, "the test must fail");
        assertTrue(failure.contains("Write @MySqlTest(networkFaults = true)"), failure);
    }

    @Test
    void theClassEndClosesTheProxyItsThreadsItsPortAndTheStandby() {
        EngineExecutionResults results = Fixtures.run(LeavesConnectionsOpen.class, Map.of());
        assertNull(Fixtures.failure(results), Fixtures.failure(results));
        int proxy = PORTS.get("proxy");
        assertEquals(List.of(), proxyThreads(proxy), "threads the proxy left");
        assertRefused(proxy);
        assertRefused(PORTS.get("standby"));
    }

    @Test
    void twoClassesRunInParallelEachWithAProxyOfItsOwn() {
        EngineExecutionResults results = Fixtures.run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
                BlackholedInParallel.class, HealthyInParallel.class);
        assertNull(Fixtures.failure(results), Fixtures.failure(results));
        assertEquals(2, results.testEvents().succeeded().count());
        assertNotEquals(PORTS.get("blackholed"), PORTS.get("healthy"));
        assertEquals(List.of(), proxyThreads(PORTS.get("blackholed")));
        assertEquals(List.of(), proxyThreads(PORTS.get("healthy")));
    }

    private static List<String> proxyThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(TcpProxy.THREAD_PREFIX) && n.contains("-" + port + "-")).toList();
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        }, "port " + port + " must be closed");
    }
}
