package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak patterns of issue 15, in terms of what stays open on the server: each test reproduces one, with the
 * fixtures loaded through the agent's transformer.
 */
class LeakPatternsTest {

    @TempDir
    Path dir;

    private LeakTracker tracker;
    private Instrumented code;

    private void install(String extra) {
        tracker = new LeakTracker(AgentOptions.parse("out=" + dir + extra));
        LeakTracker.install(tracker);
        code = new Instrumented(tracker);
    }

    @AfterEach
    void uninstall() {
        LeakTracker.install(null);
    }

    private Driver driver() throws Exception {
        return (Driver) code.create("org.h2.fake.FakeDriver");
    }

    @Test
    void aPoolWhoseCloseReturnsTheConnectionIsNotALeak() throws Exception {
        install("");
        DataSource pool = (DataSource) code.create("com.zaxxer.hikari.FakeHikariDataSource", driver(), 1);
        tracker.started("[t1]", "com.example.app.PoolTest", "borrows", "borrows()");
        code.call("com.example.app.UserCode", "openAndClose", pool);
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
        assertEquals(1, tracker.snapshot().borrows());
    }

    @Test
    void aBorrowNeverReturnedToThatPoolIsALeak() throws Exception {
        install("");
        DataSource pool = (DataSource) code.create("com.zaxxer.hikari.FakeHikariDataSource", driver(), 1);
        tracker.started("[t1]", "com.example.app.PoolTest", "keeps", "keeps()");
        Connection c = (Connection) code.call("com.example.app.UserCode", "open", pool);
        tracker.finished("[t1]");
        assertFalse(c.isClosed());
        assertEquals(1, tracker.violations().size(), tracker.violations().toString());
        assertEquals(LeakViolation.Kind.LEAKED_CONNECTION, tracker.violations().get(0).kind());
    }

    @Test
    void aConnectionOpenedThroughAMethodReferenceIsStillReported() throws Exception {
        install("");
        Object ds = code.create("org.h2.fake.DriverDataSource");
        tracker.started("[t1]", "com.example.app.RefTest", "methodReference", "methodReference()");
        code.call("com.example.app.UserCode", "viaMethodReference", ds);
        tracker.finished("[t1]");
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.LEAKED_CONNECTION, v.get(0).kind());
        assertEquals("com.example.app.UserCode", v.get(0).opener().className());
        assertEquals("viaMethodReference", v.get(0).opener().methodName());
        assertEquals(1, tracker.snapshot().userConnections());
    }

    @Test
    void aPoolOfTenPerContainerIsTheLambdaAntiPattern() throws Exception {
        install("");
        Driver driver = driver();
        tracker.started("[t1]", "com.example.app.PoolTest", "defaultPool", "defaultPool()");
        Object pool = code.create("com.zaxxer.hikari.FakeHikariDataSource", driver, 10);
        code.call(pool, "awaitFilled");
        code.call("com.example.app.UserCode", "openAndClose", pool);
        tracker.finished("[t1]");
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        LeakViolation p = v.get(0);
        assertEquals(LeakViolation.Kind.POOL_MULTIPLE_CONNECTIONS, p.kind());
        assertTrue(p.owner().startsWith("com.zaxxer.hikari.FakeHikariDataSource@"), p.owner());
        assertEquals(10, p.size());
        assertEquals(10, p.openCount(), "the adder thread's connections belong to the pool that started it");
        assertEquals(Instrumented.class.getName().replace("Instrumented", "Instrumented"), Instrumented.class.getName());
        assertEquals(10, tracker.snapshot().poolConnections());
    }

    @Test
    void aPoolOfOneKeptAcrossInvocationsIsCorrect() throws Exception {
        install("");
        Driver driver = driver();
        Object handler = code.create("com.example.app.Handlers$PoolOfOne");
        for (int t = 0; t < 3; t++) {
            tracker.started("[t" + t + "]", "com.example.app.HandlerTest", "invoke" + t, "invoke()");
            code.call(handler, "handleRequest", driver, null);
            code.call(handler, "handleRequest", driver, null);
            tracker.finished("[t" + t + "]");
        }
        tracker.planFinished();
        assertEquals(List.of(), tracker.violations());
        assertEquals(1, tracker.snapshot().poolConnections());
    }

    @Test
    void aNewPoolPerInvocationNeverClosedIsALeak() throws Exception {
        install("");
        Driver driver = driver();
        Object handler = code.create("com.example.app.Handlers$PoolPerInvocation");
        tracker.started("[t1]", "com.example.app.HandlerTest", "threeInvocations", "threeInvocations()");
        for (int i = 0; i < 3; i++) {
            code.call(handler, "handleRequest", driver, null);
        }
        tracker.finished("[t1]");
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        LeakViolation p = v.get(0);
        assertEquals(LeakViolation.Kind.OWNER_PER_INVOCATION, p.kind());
        assertEquals("com.zaxxer.hikari.FakeHikariDataSource", p.owner());
        assertEquals(3, p.instances());
        assertEquals(3, p.openCount());
        assertEquals("com.example.app.Handlers$PoolPerInvocation", p.builtAt().className());
        assertEquals("com.example.app.Handlers$PoolPerInvocation", p.handler());
    }

    @Test
    void twoHandlersKeepingPoolsBuiltByOneHelperAreNotOnePerInvocation() throws Exception {
        install("");
        Driver driver = driver();
        Object first = code.create("com.example.app.Handlers$FirstThroughHelper");
        Object second = code.create("com.example.app.Handlers$SecondThroughHelper");
        tracker.started("[t1]", "com.example.app.HandlerTest", "both", "both()");
        code.call(first, "handleRequest", driver, null);
        code.call(second, "handleRequest", driver, null);
        code.call(first, "handleRequest", driver, null);
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
    }

    @Test
    void aNewClientPerInvocationNeverClosedIsALeak() throws Exception {
        install(",clients=com.example.app.Db");
        Object handler = code.create("com.example.app.Handlers$ClientPerInvocation");
        for (int t = 0; t < 2; t++) {
            tracker.started("[t" + t + "]", "com.example.app.HandlerTest", "once" + t, "once()");
            code.call(handler, "handleRequest", "x", null);
            tracker.finished("[t" + t + "]");
        }
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.OWNER_PER_INVOCATION, v.get(0).kind());
        assertEquals("com.example.app.Db", v.get(0).owner());
        assertEquals("com.example.app.HandlerTest#once1", v.get(0).test());
        assertEquals(2, v.get(0).instances());
        assertEquals(2, tracker.snapshot().clientConnections());
        assertEquals(0, tracker.snapshot().userConnections());
    }

    @Test
    void everySimulatedContainerMayKeepItsOwnClient() throws Exception {
        install(",clients=com.example.app.Db");
        Object handler = code.create("com.example.app.Handlers$ClientPerInvocation");
        tracker.started("[t1]", "com.example.app.ScaleTest", "sixtyContainers", "sixtyContainers()");
        dev.serverlessmysql.test.SimulationRun.containers(3, () -> {
            try {
                code.call(handler, "handleRequest", "x", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
        assertEquals(3, tracker.snapshot().clientConnections());
    }

    @Test
    void aLeakInsideALibraryNamesTheProjectLineThatCalledIt() throws Exception {
        install("");
        DataSource ds = (DataSource) code.create("com.example.app.FakeDataSource");
        tracker.started("[t1]", "com.example.app.LibTest", "library", "library()");
        code.call("com.example.app.UserCode", "throughLibrary", ds);
        tracker.finished("[t1]");
        LeakViolation v = tracker.violations().get(0);
        assertEquals("com.example.lib.LibraryTester", v.opener().className());
        assertEquals("com.example.app.UserCode", v.caller().className());
        assertEquals("throughLibrary", v.caller().methodName());
    }

    @Test
    void aClassTheAgentCannotInstrumentIsRecordedAndNamed() throws Exception {
        install("");
        JdbcTransformer t = new JdbcTransformer(tracker);
        byte[] broken = "\u00ca\u00fe\u00ba\u00beLjava/sql/Connection;".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(t.transform(null, getClass().getClassLoader(), "com/example/Broken", null, null, broken));
        List<String> problems = tracker.snapshot().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("class com.example.Broken could not be instrumented: "),
                problems.get(0));
    }

    @Test
    void configuredPatternsSayWhetherAnyLoadedClassMatched() throws Exception {
        install(",clients=com.example.app.Db;com.example.NoSuchClient");
        code.create("com.example.app.Db", code.create("com.example.app.FakeDataSource"));
        AgentRun run = tracker.snapshot();
        assertEquals(Boolean.TRUE, run.patterns().get("clients:com.example.app.Db"));
        assertEquals(Boolean.FALSE, run.patterns().get("clients:com.example.NoSuchClient"));
    }

    @Test
    void excludedClassesAreNeverInstrumented() throws Exception {
        install(",excludes=com.example.app.**");
        JdbcTransformer t = new JdbcTransformer(tracker);
        try (var in = getClass().getClassLoader().getResourceAsStream("com/example/app/UserCode.class")) {
            assertNull(t.instrument("com/example/app/UserCode", in.readAllBytes(), null, true));
        }
    }
}
