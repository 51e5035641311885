package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tracker behind instrumented fixture classes, loaded as the agent would load them. */
class LeakTrackerTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final AgentFixture agent = new AgentFixture();

    private DataSource dataSource() throws Exception {
        return (DataSource) agent.code().create("com.example.app.FakeDataSource");
    }

    @Test
    void aConnectionLeftOpenIsReportedWithTestOpenerThreadAndCount() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        agent.tracker().started("[t1]", "com.example.app.AppTest", "leaks", "leaks()");
        agent.code().call("com.example.app.UserCode", "open", ds);
        agent.code().call("com.example.app.UserCode", "open", ds);
        agent.tracker().finished("[t1]");

        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        LeakViolation leak = v.get(0);
        assertEquals(LeakViolation.Kind.LEAKED_CONNECTION, leak.kind());
        assertEquals("com.example.app.AppTest#leaks", leak.test());
        assertEquals(new Frame("com.example.app.UserCode", "open", "UserCode.java", 17), leak.opener());
        assertEquals(Thread.currentThread().getName(), leak.thread());
        assertEquals(2, leak.openCount());
    }

    @Test
    void closedConnectionsAreFine() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        agent.tracker().started("[t1]", "com.example.app.AppTest", "closes", "closes()");
        agent.code().call("com.example.app.UserCode", "openAndClose", ds);
        ((Connection) agent.code().call("com.example.app.UserCode", "open", ds)).close();
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(2, agent.tracker().snapshot().borrows());
    }

    @Test
    void rawDriverConnectionsAreTrackedAtTheCallSite() throws Exception {
        agent.install(dir, "");
        Object driver = agent.code().create("org.h2.fake.FakeDriver");
        agent.tracker().started("[t1]", "com.example.app.AppTest", "raw", "raw()");
        agent.code().call("com.example.app.UserCode", "rawDriver", driver);
        agent.tracker().finished("[t1]");
        assertEquals(1, agent.tracker().violations().size());
        assertEquals("rawDriver", agent.tracker().violations().get(0).opener().methodName());
    }

    @Test
    void existingConnectionsReturnedByOtherObjectsAreNotNewOnes() throws Exception {
        agent.install(dir, "");
        Connection existing = (Connection) agent.code().call("com.example.app.FakeConnections", "create");
        Statement statement = (Statement) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (p, m, a) -> m.getName().equals("getConnection") ? existing : null);
        agent.tracker().started("[t1]", "com.example.app.AppTest", "stmt", "stmt()");
        agent.code().call("com.example.app.UserCode", "fromStatement", statement);
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(0, agent.tracker().snapshot().userConnections());
    }

    @Test
    void aConnectionPassedThroughAWrapperCountsOnce() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        agent.tracker().started("[t1]", "com.example.app.AppTest", "wrapped", "wrapped()");
        agent.code().call("com.example.app.UserCode", "throughWrapper", ds);
        agent.tracker().finished("[t1]");
        assertEquals(1, agent.tracker().violations().size(), agent.tracker().violations().toString());
        assertEquals(1, agent.tracker().violations().get(0).openCount());
        assertEquals(1, agent.tracker().snapshot().borrows());
    }

    @Test
    void aHandlerOpeningAConnectionPerInvocationIsNamedAsSuch() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        Object handler = agent.code().create("com.example.app.OrderHandler");
        agent.tracker().started("[t1]", "com.example.app.OrderHandlerTest", "invokes", "invokes()");
        for (int i = 0; i < 3; i++) {
            agent.code().call(handler, "handleRequest", ds, null);
        }
        agent.tracker().finished("[t1]");
        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.HANDLER_CONNECTION_PER_INVOCATION, v.get(0).kind());
        assertEquals(3, v.get(0).openCount());
        assertEquals("com.example.app.OrderHandler", v.get(0).handler());
    }

    @Test
    void aClientMayKeepOneConnectionAcrossTestsButNotTwo() throws Exception {
        agent.install(dir, ",clients=com.example.app.Db");
        Object db = agent.code().create("com.example.app.Db", dataSource());
        agent.tracker().started("[t1]", "com.example.app.DbTest", "first", "first()");
        Object first = agent.code().call(db, "connection");
        agent.tracker().finished("[t1]");
        agent.tracker().started("[t2]", "com.example.app.DbTest", "second", "second()");
        assertEquals(first, agent.code().call(db, "connection"));
        agent.tracker().finished("[t2]");
        assertEquals(List.of(), agent.tracker().violations());

        agent.tracker().started("[t3]", "com.example.app.DbTest", "third", "third()");
        agent.code().call(db, "reconnectWithoutClosing");
        agent.tracker().finished("[t3]");
        List<LeakViolation> v = agent.tracker().violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.CLIENT_MULTIPLE_CONNECTIONS, v.get(0).kind());
        assertEquals("com.example.app.DbTest#third", v.get(0).test());
        assertEquals(2, v.get(0).openCount());
        assertTrue(v.get(0).owner().startsWith("com.example.app.Db@"), v.get(0).owner());
    }

    @Test
    void aClientReplacingAClosedConnectionIsFine() throws Exception {
        agent.install(dir, ",clients=com.example.app.Db");
        Object db = agent.code().create("com.example.app.Db", dataSource());
        agent.tracker().started("[t1]", "com.example.app.DbTest", "first", "first()");
        ((Connection) agent.code().call(db, "connection")).close();
        agent.code().call(db, "connection");
        agent.tracker().finished("[t1]");
        assertEquals(List.of(), agent.tracker().violations());
        assertEquals(0, agent.tracker().snapshot().borrows(), "a client's connections are not the test's");
    }

    @Test
    void connectionsTheMainCodeOpensAreCountedApartFromTheTestCodes() throws Exception {
        agent.install(dir, ",mainClasses=/work/project/target/classes");
        Object ds = agent.code().create("org.h2.fake.DriverDataSource");
        agent.tracker().started("[t1]", "com.example.app.tests.HandlerTest", "opens", "opens()");
        // the handler's (main code's) connection, then one the test opens itself, each closed
        ((Connection) agent.code().call("com.example.app.UserCode", "open", ds)).close();
        ((Connection) agent.code().call("com.example.app.tests.TestCode", "open", ds)).close();
        ((Connection) agent.code().call("com.example.app.tests.TestCode", "open", ds)).close();
        agent.tracker().finished("[t1]");
        AgentRun run = agent.tracker().snapshot();
        assertEquals(List.of(), run.violations());
        assertEquals(1, run.mainConnections(), "opened by main code");
        assertEquals(2, run.userConnections(), "opened by test code");
    }

    @Test
    void withoutTheMainClassesDirectoryNoConnectionIsCalledMainCode() throws Exception {
        agent.install(dir, "");
        Object ds = agent.code().create("org.h2.fake.DriverDataSource");
        agent.tracker().started("[t1]", "com.example.app.tests.HandlerTest", "opens", "opens()");
        ((Connection) agent.code().call("com.example.app.UserCode", "open", ds)).close();
        agent.tracker().finished("[t1]");
        assertEquals(0, agent.tracker().snapshot().mainConnections());
        assertEquals(1, agent.tracker().snapshot().userConnections());
    }

    @Test
    void poolOwnedAndOutsideTestConnectionsAreCountedNotReported() throws Exception {
        agent.install(dir, "");
        Object driver = agent.code().create("org.h2.fake.FakeDriver");
        agent.tracker().started("[t1]", "com.example.app.PoolTest", "pool", "pool()");
        assertNotNull(agent.code().create("com.zaxxer.hikari.FakePool", driver));
        agent.tracker().finished("[t1]");
        agent.code().call("com.example.app.UserCode", "open", agent.code().create("org.h2.fake.DriverDataSource"));
        AgentRun run = agent.tracker().snapshot();
        assertEquals(List.of(), run.violations());
        assertEquals(1, run.poolConnections());
        assertEquals(1, run.outsideTests());
    }

    @Test
    void classLevelCodeIsReportedAgainstTheClass() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        agent.tracker().started("[c]", "com.example.app.AppTest", null, "AppTest");
        agent.code().call("com.example.app.UserCode", "open", ds);
        agent.tracker().started("[m]", "com.example.app.AppTest", "m", "m()");
        agent.tracker().finished("[m]");
        assertEquals(List.of(), agent.tracker().violations());
        agent.tracker().finished("[c]");
        assertEquals("com.example.app.AppTest", agent.tracker().violations().get(0).test());
    }

    @Test
    void writesResultsTheReaderUnderstands() throws Exception {
        agent.install(dir, "");
        DataSource ds = dataSource();
        agent.tracker().listenerActive();
        agent.tracker().started("[t1]", "com.example.app.AppTest", "leaks", "leaks()");
        agent.code().call("com.example.app.UserCode", "open", ds);
        agent.tracker().finished("[t1]");
        agent.tracker().writeResults();
        List<AgentRun> runs = LeakResults.readAll(dir);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).listenerActive());
        assertEquals(1, runs.get(0).testsObserved());
        assertEquals(agent.tracker().violations(), runs.get(0).violations());
    }

    @Test
    void librariesAndUnrelatedClassesAreLeftAlone() throws Exception {
        agent.install(dir, "");
        JdbcTransformer t = new JdbcTransformer(agent.tracker());
        try (var in = String.class.getResourceAsStream("String.class")) {
            assertEquals(null, t.instrument("java/lang/String", in.readAllBytes(), null, false));
        }
        try (var in = getClass().getResourceAsStream("LeakResults.class")) {
            assertEquals(null, t.instrument("dev/serverlessmysql/leak/LeakResults", in.readAllBytes(), null, false));
        }
    }
}
