package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker behind instrumented fixture classes, loaded as the agent would load them. */
class LeakTrackerTest {

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

    private DataSource dataSource() throws Exception {
        return (DataSource) code.create("com.example.app.FakeDataSource");
    }

    @Test
    void aConnectionLeftOpenIsReportedWithTestOpenerThreadAndCount() throws Exception {
        install("");
        DataSource ds = dataSource();
        tracker.started("[t1]", "com.example.app.AppTest", "leaks", "leaks()");
        code.call("com.example.app.UserCode", "open", ds);
        code.call("com.example.app.UserCode", "open", ds);
        tracker.finished("[t1]");

        List<LeakViolation> v = tracker.violations();
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
        install("");
        DataSource ds = dataSource();
        tracker.started("[t1]", "com.example.app.AppTest", "closes", "closes()");
        code.call("com.example.app.UserCode", "openAndClose", ds);
        ((Connection) code.call("com.example.app.UserCode", "open", ds)).close();
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
        assertEquals(2, tracker.snapshot().borrows());
    }

    @Test
    void rawDriverConnectionsAreTrackedAtTheCallSite() throws Exception {
        install("");
        Object driver = code.create("org.h2.fake.FakeDriver");
        tracker.started("[t1]", "com.example.app.AppTest", "raw", "raw()");
        code.call("com.example.app.UserCode", "rawDriver", driver);
        tracker.finished("[t1]");
        assertEquals(1, tracker.violations().size());
        assertEquals("rawDriver", tracker.violations().get(0).opener().methodName());
    }

    @Test
    void existingConnectionsReturnedByOtherObjectsAreNotNewOnes() throws Exception {
        install("");
        Connection existing = (Connection) code.call("com.example.app.FakeConnections", "create");
        Statement statement = (Statement) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class}, (p, m, a) -> m.getName().equals("getConnection") ? existing : null);
        tracker.started("[t1]", "com.example.app.AppTest", "stmt", "stmt()");
        code.call("com.example.app.UserCode", "fromStatement", statement);
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
        assertEquals(0, tracker.snapshot().userConnections());
    }

    @Test
    void aConnectionPassedThroughAWrapperCountsOnce() throws Exception {
        install("");
        DataSource ds = dataSource();
        tracker.started("[t1]", "com.example.app.AppTest", "wrapped", "wrapped()");
        code.call("com.example.app.UserCode", "throughWrapper", ds);
        tracker.finished("[t1]");
        assertEquals(1, tracker.violations().size(), tracker.violations().toString());
        assertEquals(1, tracker.violations().get(0).openCount());
        assertEquals(1, tracker.snapshot().borrows());
    }

    @Test
    void aHandlerOpeningAConnectionPerInvocationIsNamedAsSuch() throws Exception {
        install("");
        DataSource ds = dataSource();
        Object handler = code.create("com.example.app.OrderHandler");
        tracker.started("[t1]", "com.example.app.OrderHandlerTest", "invokes", "invokes()");
        for (int i = 0; i < 3; i++) {
            code.call(handler, "handleRequest", ds, null);
        }
        tracker.finished("[t1]");
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.HANDLER_CONNECTION_PER_INVOCATION, v.get(0).kind());
        assertEquals(3, v.get(0).openCount());
        assertEquals("com.example.app.OrderHandler", v.get(0).handler());
    }

    @Test
    void aClientMayKeepOneConnectionAcrossTestsButNotTwo() throws Exception {
        install(",clients=com.example.app.Db");
        Object db = code.create("com.example.app.Db", dataSource());
        tracker.started("[t1]", "com.example.app.DbTest", "first", "first()");
        Object first = code.call(db, "connection");
        tracker.finished("[t1]");
        tracker.started("[t2]", "com.example.app.DbTest", "second", "second()");
        assertEquals(first, code.call(db, "connection"));
        tracker.finished("[t2]");
        assertEquals(List.of(), tracker.violations());

        tracker.started("[t3]", "com.example.app.DbTest", "third", "third()");
        code.call(db, "reconnectWithoutClosing");
        tracker.finished("[t3]");
        List<LeakViolation> v = tracker.violations();
        assertEquals(1, v.size(), v.toString());
        assertEquals(LeakViolation.Kind.CLIENT_MULTIPLE_CONNECTIONS, v.get(0).kind());
        assertEquals("com.example.app.DbTest#third", v.get(0).test());
        assertEquals(2, v.get(0).openCount());
        assertTrue(v.get(0).owner().startsWith("com.example.app.Db@"), v.get(0).owner());
    }

    @Test
    void aClientReplacingAClosedConnectionIsFine() throws Exception {
        install(",clients=com.example.app.Db");
        Object db = code.create("com.example.app.Db", dataSource());
        tracker.started("[t1]", "com.example.app.DbTest", "first", "first()");
        ((Connection) code.call(db, "connection")).close();
        code.call(db, "connection");
        tracker.finished("[t1]");
        assertEquals(List.of(), tracker.violations());
        assertEquals(0, tracker.snapshot().borrows(), "a client's connections are not the test's");
    }

    @Test
    void poolOwnedAndOutsideTestConnectionsAreCountedNotReported() throws Exception {
        install("");
        Object driver = code.create("org.h2.fake.FakeDriver");
        tracker.started("[t1]", "com.example.app.PoolTest", "pool", "pool()");
        assertNotNull(code.create("com.zaxxer.hikari.FakePool", driver));
        tracker.finished("[t1]");
        code.call("com.example.app.UserCode", "open", code.create("org.h2.fake.DriverDataSource"));
        AgentRun run = tracker.snapshot();
        assertEquals(List.of(), run.violations());
        assertEquals(1, run.poolConnections());
        assertEquals(1, run.outsideTests());
    }

    @Test
    void classLevelCodeIsReportedAgainstTheClass() throws Exception {
        install("");
        DataSource ds = dataSource();
        tracker.started("[c]", "com.example.app.AppTest", null, "AppTest");
        code.call("com.example.app.UserCode", "open", ds);
        tracker.started("[m]", "com.example.app.AppTest", "m", "m()");
        tracker.finished("[m]");
        assertEquals(List.of(), tracker.violations());
        tracker.finished("[c]");
        assertEquals("com.example.app.AppTest", tracker.violations().get(0).test());
    }

    @Test
    void writesResultsTheReaderUnderstands() throws Exception {
        install("");
        DataSource ds = dataSource();
        tracker.listenerActive();
        tracker.started("[t1]", "com.example.app.AppTest", "leaks", "leaks()");
        code.call("com.example.app.UserCode", "open", ds);
        tracker.finished("[t1]");
        tracker.writeResults();
        List<AgentRun> runs = LeakResults.readAll(dir);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).listenerActive());
        assertEquals(1, runs.get(0).testsObserved());
        assertEquals(tracker.violations(), runs.get(0).violations());
    }

    @Test
    void librariesAndUnrelatedClassesAreLeftAlone() throws Exception {
        install("");
        JdbcTransformer t = new JdbcTransformer(tracker);
        try (var in = String.class.getResourceAsStream("String.class")) {
            assertEquals(null, t.instrument("java/lang/String", in.readAllBytes(), null, false));
        }
        try (var in = getClass().getResourceAsStream("LeakResults.class")) {
            assertEquals(null, t.instrument("dev/serverlessmysql/leak/LeakResults", in.readAllBytes(), null, false));
        }
    }
}
