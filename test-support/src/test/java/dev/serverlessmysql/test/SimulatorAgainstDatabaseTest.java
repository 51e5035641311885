package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the real test database, as a non-privileged user on a server with {@code max_connections}
 * 20 and a short {@code wait_timeout}: the lifecycle breaks the code that production breaks.
 *
 * <p>The same run passes with the managed client: see {@code ClientUnderSimulatedContainersTest} in the core module.
 */
@MySqlTest(serverVariables = {"max_connections=20", "wait_timeout=2"})
class SimulatorAgainstDatabaseTest {

    /** The run the anchors measure, scaled to a unit test: many containers, bursts of concurrency, 10% reaped. */
    static LambdaSimulator<SQSEvent> theRun(LambdaSimulator<SQSEvent> simulator, MySqlDatabase db) {
        return simulator.containers(40).invocations(400).concurrency(8)
                .thinkTime(Duration.ZERO, Duration.ofMillis(20))
                .event(i -> Events.sqs().queue("orders").message("{\"order\":" + i + "}").build())
                .reap(0.1, 0.5)
                .timeout(Duration.ofSeconds(10))
                .database(db);
    }

    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " request_id VARCHAR(64) NOT NULL, body VARCHAR(255) NOT NULL)");
        }
    }

    /** Each invocation: a SELECT and an INSERT on the given connection. */
    static String work(Connection connection, SQSEvent event, Context context) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (request_id, body) VALUES (?, ?)")) {
            insert.setString(1, context.getAwsRequestId());
            insert.setString(2, event.getRecords().get(0).getBody());
            insert.executeUpdate();
        }
        return "stored";
    }

    /** Opens a connection on every invocation and never closes it: the classic Lambda connection leak. */
    static final class NaiveHandler implements RequestHandler<SQSEvent, String> {
        private final String url;
        private final String user;
        private final String password;
        /** Kept reachable, as in a frozen container where no garbage collection runs to close them. */
        private final List<Connection> opened = new ArrayList<>();

        NaiveHandler(MySqlDatabase db) {
            this.url = db.jdbcUrl();
            this.user = db.user();
            this.password = db.password();
        }

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            try {
                Connection connection = DriverManager.getConnection(url, user, password);
                opened.add(connection);
                return work(connection, event, context);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the order: " + e.getMessage(), e);
            }
        }
    }

    /** One connection per container, opened at the cold start and reused, never checked. */
    static final class ReusingHandler implements RequestHandler<SQSEvent, String> {
        private final Connection connection;

        ReusingHandler(MySqlDatabase db) {
            try {
                this.connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            try {
                return work(connection, event, context);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the order: " + e.getMessage(), e);
            }
        }
    }

    @BeforeEach
    void table(MySqlDatabase db) throws SQLException {
        createTable(db.dataSource());
        Await.noSessions(db.server(), db.user());
    }

    @AfterEach
    void killLeftovers(MySqlDatabase db) {
        db.server().killSessions(db.user());
    }

    /**
     * Asserts the mechanism, with counts from the server, not a success rate (which depends on how fast this machine
     * runs 400 invocations against a 2 s {@code wait_timeout}): each success left a session open that nothing closes,
     * so successes are bounded by the connection slots plus the sessions the server itself ended (a leaked session
     * dropped by {@code wait_timeout}, or closed when its socket was collected, counts in {@code Aborted_clients});
     * the server reached {@code max_connections}; and every failure is its 1040 "Too many connections".
     */
    @Test
    void aHandlerThatOpensAConnectionPerInvocationFailsOnceTheServerIsFull(MySqlDatabase db) throws SQLException {
        MySqlServer server = db.server();
        int maxConnections = Integer.parseInt(server.variable("max_connections"));
        try (Connection c = server.adminDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("FLUSH STATUS");
        }
        long abortedBefore = status(server, "Aborted_clients");
        long rowsBefore = rows(db);

        SimulationReport report = theRun(LambdaSimulator.forHandler(() -> new NaiveHandler(db)), db).run();
        long endedByServer = status(server, "Aborted_clients") - abortedBefore;
        long maxUsed = status(server, "Max_used_connections");
        System.out.println("naive handler, connection per invocation:\n" + report.summary() + "sessions the server ended: "
                + endedByServer + ", Max_used_connections: " + maxUsed);

        assertEquals(400, report.invocations());
        assertTrue(report.succeeded() >= 1, report.summary());
        assertEquals(report.succeeded(), rows(db) - rowsBefore, "each success stored one row, each failure none");
        assertTrue(report.succeeded() <= maxConnections + endedByServer, "every success took a connection slot that only"
                + " the server frees: " + report.succeeded() + " successes, " + maxConnections + " slots, " + endedByServer
                + " sessions ended by the server:\n" + report.summary());
        assertTrue(maxUsed >= maxConnections, "the server itself was full: Max_used_connections " + maxUsed);
        SimulationReport.Failure first = report.firstFailure().orElseThrow();
        assertEquals(1040, first.sqlErrorCode(), "the server refuses with 'Too many connections': " + first);
        assertTrue(report.failures().stream().allMatch(f -> f.sqlErrorCode() == 1040), report.failureCounts().toString());
        assertEquals(0, report.timedOut());
        assertTrue(report.peakServerConnections().orElseThrow() >= 18,
                "the run fills the server (max_connections 20): " + report.summary());
    }

    private static long status(MySqlServer server, String name) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SHOW GLOBAL STATUS LIKE ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(2);
            }
        }
    }

    /** As the administrator, who has a connection slot of his own: the user's are all taken after the run. */
    private static long rows(MySqlDatabase db) throws SQLException {
        try (Connection c = db.server().adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db.name() + "`.orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void freezesLastLongEnoughForTheServerToKillAReusedConnection(MySqlDatabase db) {
        assertEquals("2", db.server().variable("wait_timeout"));
        SimulationReport report = LambdaSimulator.forHandler(() -> new ReusingHandler(db))
                .containers(2).invocations(4).concurrency(1)
                .event(i -> Events.sqs().message("{\"order\":" + i + "}").build())
                .freezesBeyondWaitTimeout(1.0)
                .database(db)
                .run();
        System.out.println("reused connection, frozen past wait_timeout:\n" + report.summary());

        assertEquals(4, report.freezes(), report.summary());
        assertEquals(2, report.coldStarts());
        assertEquals(2, report.succeeded(), "each container's first invocation works:\n" + report.summary());
        assertEquals(2, report.failed(), "after the freeze the server has dropped the session:\n" + report.summary());
        for (SimulationReport.Failure failure : report.failures()) {
            assertFalse(failure.coldStart());
            assertTrue(failure.sqlState() != null && failure.sqlState().startsWith("08"),
                    "a connection failure (SQLState class 08), got " + failure.sqlState() + ": " + failure);
        }
    }
}
