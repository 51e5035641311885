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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak patterns of issue 15, in terms of what stays open on the server: each test reproduces one, with the
 * fixtures loaded through the agent's transformer.
 */
class LeakPatternsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final AgentFixture agent = new AgentFixture();

    private Driver driver() throws Exception {
        return (Driver) agent.code().create("org.h2.fake.FakeDriver");
    }

    @Test
    void aPoolWhoseCloseReturnsTheConnectionIsNotALeak() throws Exception {
        agent.install(dir, "");
        DataSource pool = (DataSource) agent.code().create("com.zaxxer.hikari.FakeHikariDataSource", driver(), 1);
        agent.tracker().started("[t1]", "com.example.app.PoolTest", "borrows", "borrows()");
        agent.code().call("com.example.app.UserCode", "openAndClose", pool);
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(1, agent.tracker().snapshot().borrows());
    }

    @Test
    void aBorrowNeverReturnedToThatPoolIsALeak() throws Exception {
        agent.install(dir, "");
        DataSource pool = (DataSource) agent.code().create("com.zaxxer.hikari.FakeHikariDataSource", driver(), 1);
        agent.tracker().started("[t1]", "com.example.app.PoolTest", "keeps", "keeps()");
        Connection c = (Connection) agent.code().call("com.example.app.UserCode", "open", pool);
        agent.tracker().finished("[t1]");
        assertFalse(c.isClosed());
        assertEquals(1, agent.tracker().violations().size(), agent.tracker().violations().toString());
        assertEquals(LeakViolation.Kind.LEAKED_CONNECTION, agent.tracker().violations().get(0).kind());
    }

    @Test
    void aConnectionOpenedThroughAMethodReferenceIsStillReported() throws Exception {
        agent.install(dir, "");
        Object ds = agent.code().create("org.h2.fake.DriverDataSource");
        agent.tracker().started("[t1]", "com.example.app.RefTest", "methodReference", "methodReference()");
        agent.code().call("com.example.app.UserCode", "viaMethodReference", ds);
        agent.tracker().finished("[t1]");
        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.LEAKED_CONNECTION, v.get(0).kind());
        assertEquals("com.example.app.UserCode", v.get(0).opener().className());
        assertEquals("viaMethodReference", v.get(0).opener().methodName());
        assertEquals(1, agent.tracker().snapshot().userConnections());
    }

    @Test
    void aPoolOfTenPerContainerIsTheLambdaAntiPattern() throws Exception {
        agent.install(dir, "");
        Driver driver = driver();
        agent.tracker().started("[t1]", "com.example.app.PoolTest", "defaultPool", "defaultPool()");
        Object pool = agent.code().create("com.zaxxer.hikari.FakeHikariDataSource", driver, 10);
        agent.code().call(pool, "awaitFilled");
        agent.code().call("com.example.app.UserCode", "openAndClose", pool);
        agent.tracker().finished("[t1]");
        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        LeakViolation p = v.get(0);
        assertEquals(LeakViolation.Kind.POOL_MULTIPLE_CONNECTIONS, p.kind());
        assertTrue(p.owner().startsWith("com.zaxxer.hikari.FakeHikariDataSource@"), p.owner());
        assertEquals(10, p.size());
        assertEquals(10, p.openCount(), "the adder thread's connections belong to the pool that started it");
        assertEquals(10, agent.tracker().snapshot().poolConnections());
    }

    @Test
    void aPoolOfOneKeptAcrossInvocationsIsCorrect() throws Exception {
        agent.install(dir, "");
        Driver driver = driver();
        Object handler = agent.code().create("com.example.app.Handlers$PoolOfOne");
        for (int t = 0; t < 3; t++) {
            agent.tracker().started("[t" + t + "]", "com.example.app.HandlerTest", "invoke" + t, "invoke()");
            agent.code().call(handler, "handleRequest", driver, null);
            agent.code().call(handler, "handleRequest", driver, null);
            agent.tracker().finished("[t" + t + "]");
        }
        agent.tracker().planFinished();
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(1, agent.tracker().snapshot().poolConnections());
    }

    @Test
    void aNewPoolPerInvocationNeverClosedIsALeak() throws Exception {
        agent.install(dir, "");
        Driver driver = driver();
        Object handler = agent.code().create("com.example.app.Handlers$PoolPerInvocation");
        agent.tracker().started("[t1]", "com.example.app.HandlerTest", "threeInvocations", "threeInvocations()");
        for (int i = 0; i < 3; i++) {
            agent.code().call(handler, "handleRequest", driver, null);
        }
        agent.tracker().finished("[t1]");
        List<LeakViolation> v = agent.tracker().violations();
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
        agent.install(dir, "");
        Driver driver = driver();
        Object first = agent.code().create("com.example.app.Handlers$FirstThroughHelper");
        Object second = agent.code().create("com.example.app.Handlers$SecondThroughHelper");
        agent.tracker().started("[t1]", "com.example.app.HandlerTest", "both", "both()");
        agent.code().call(first, "handleRequest", driver, null);
        agent.code().call(second, "handleRequest", driver, null);
        agent.code().call(first, "handleRequest", driver, null);
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
    }

    @Test
    void aNewClientPerInvocationNeverClosedIsALeak() throws Exception {
        agent.install(dir, ",clients=com.example.app.Db");
        Object handler = agent.code().create("com.example.app.Handlers$ClientPerInvocation");
        for (int t = 0; t < 2; t++) {
            agent.tracker().started("[t" + t + "]", "com.example.app.HandlerTest", "once" + t, "once()");
            agent.code().call(handler, "handleRequest", "x", null);
            agent.tracker().finished("[t" + t + "]");
        }
        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.OWNER_PER_INVOCATION, v.get(0).kind());
        assertEquals("com.example.app.Db", v.get(0).owner());
        assertEquals("com.example.app.HandlerTest#once1", v.get(0).test());
        assertEquals(2, v.get(0).instances());
        assertEquals(2, agent.tracker().snapshot().clientConnections());
        assertEquals(0, agent.tracker().snapshot().userConnections());
    }

    @Test
    void everySimulatedContainerMayKeepItsOwnClient() throws Exception {
        agent.install(dir, ",clients=com.example.app.Db");
        Object handler = agent.code().create("com.example.app.Handlers$ClientPerInvocation");
        agent.tracker().started("[t1]", "com.example.app.ScaleTest", "sixtyContainers", "sixtyContainers()");
        dev.serverlessmysql.test.SimulationRun.containers(3, () -> {
            try {
                agent.code().call(handler, "handleRequest", "x", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(3, agent.tracker().snapshot().clientConnections());
    }

    @Test
    void aLeakInsideALibraryNamesTheProjectLineThatCalledIt() throws Exception {
        agent.install(dir, "");
        DataSource ds = (DataSource) agent.code().create("com.example.app.FakeDataSource");
        agent.tracker().started("[t1]", "com.example.app.LibTest", "library", "library()");
        agent.code().call("com.example.app.UserCode", "throughLibrary", ds);
        agent.tracker().finished("[t1]");
        LeakViolation v = agent.tracker().violations().get(0);
        assertEquals("com.example.lib.LibraryTester", v.opener().className());
        assertEquals("com.example.app.UserCode", v.caller().className());
        assertEquals("throughLibrary", v.caller().methodName());
    }

    @Test
    void aClassTheAgentCannotInstrumentIsRecordedAndNamed() throws Exception {
        agent.install(dir, "");
        JdbcTransformer t = new JdbcTransformer(agent.tracker());
        byte[] broken = "\u00ca\u00fe\u00ba\u00beLjava/sql/Connection;".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(t.transform(null, getClass().getClassLoader(), "com/example/Broken", null, null, broken));
        List<String> problems = agent.tracker().snapshot().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("class com.example.Broken could not be instrumented: "),
                problems.get(0));
    }

    @Test
    void configuredPatternsSayWhetherAnyLoadedClassMatched() throws Exception {
        agent.install(dir, ",clients=com.example.app.Db;com.example.NoSuchClient");
        agent.code().create("com.example.app.Db", agent.code().create("com.example.app.FakeDataSource"));
        AgentRun run = agent.tracker().snapshot();
        assertEquals(Boolean.TRUE, run.patterns().get("clients:com.example.app.Db"));
        assertEquals(Boolean.FALSE, run.patterns().get("clients:com.example.NoSuchClient"));
    }

    @Test
    void excludedClassesAreNeverInstrumented() throws Exception {
        agent.install(dir, ",excludes=com.example.app.**");
        JdbcTransformer t = new JdbcTransformer(agent.tracker());
        try (var in = getClass().getClassLoader().getResourceAsStream("com/example/app/UserCode.class")) {
            assertNull(t.instrument("com/example/app/UserCode", in.readAllBytes(), null, true));
        }
    }
}
