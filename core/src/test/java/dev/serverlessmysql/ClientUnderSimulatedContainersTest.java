package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulationReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managed client under the Lambda container lifecycle, against a real server with {@code max_connections} 20
 * and a short {@code wait_timeout}, as the non-privileged user: many containers, bursts of concurrency, 10% of the
 * containers reaped halfway without any shutdown hook. A handler that opens a connection per invocation fails on this
 * run; the same run with {@link ServerlessMysql} and {@code end()} succeeds every time, and every invocation's insert
 * lands exactly once.
 *
 * <p>The run is the one {@code SimulatorAgainstDatabaseTest} in test-support uses for the naive handler.
 */
@MySqlTest(serverVariables = {"max_connections=20", "wait_timeout=2"})
class ClientUnderSimulatedContainersTest {

    private static final int INVOCATIONS = 400;

    /** 40 containers, 400 invocations, 8 at a time, 0-20 ms apart, 10% of the containers reaped halfway. */
    private static SimulationReport run(MySqlDatabase db, Supplier<? extends RequestHandler<SQSEvent, String>> handler) {
        return LambdaSimulator.forHandler(handler)
                .containers(40).invocations(INVOCATIONS).concurrency(8)
                .thinkTime(Duration.ZERO, Duration.ofMillis(20))
                .event(i -> Events.sqs().queue("orders").message("{\"order\":" + i + "}").build())
                .reap(0.1, 0.5)
                .timeout(Duration.ofSeconds(10))
                .database(db)
                .run();
    }

    /** The client is built once per container, in the constructor (the cold start), and ended after every invocation. */
    static final class ManagedHandler implements RequestHandler<SQSEvent, String> {
        private final ServerlessMysql db;

        ManagedHandler(MySqlDatabase database) {
            this.db = ServerlessMysql.builder().jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password())
                    .build();
        }

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            try {
                db.query("SELECT COUNT(*) AS n FROM orders");
                db.update("INSERT INTO orders (request_id, body) VALUES (?, ?)", context.getAwsRequestId(),
                        event.getRecords().get(0).getBody());
                return "stored";
            } finally {
                db.end();
            }
        }
    }

    /** Opens a connection on every invocation and never closes it (kept reachable, as in a frozen container). */
    static final class NaiveHandler implements RequestHandler<SQSEvent, String> {
        private final MySqlDatabase database;
        private final List<Connection> opened = new ArrayList<>();

        NaiveHandler(MySqlDatabase database) {
            this.database = database;
        }

        @Override
        public String handleRequest(SQSEvent event, Context context) {
            try {
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                opened.add(connection);
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                    rs.next();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO orders (request_id, body) VALUES (?, ?)")) {
                    insert.setString(1, context.getAwsRequestId());
                    insert.setString(2, event.getRecords().get(0).getBody());
                    insert.executeUpdate();
                }
                return "stored";
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store the order: " + e.getMessage(), e);
            }
        }
    }

    @BeforeEach
    void freshTable(MySqlDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, request_id VARCHAR(64) NOT NULL UNIQUE,"
                    + " body VARCHAR(255) NOT NULL)");
        }
    }

    @AfterEach
    void killLeftoverSessions(MySqlDatabase db) {
        db.server().killSessions(db.user());
    }

    /** Counted as the admin, who still gets in when the naive handler has filled the server. */
    private static int rows(MySqlDatabase db) throws SQLException {
        try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db.name() + "`.orders")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theNaiveHandlerFailsThisRun(MySqlDatabase db) throws SQLException {
        SimulationReport report = run(db, () -> new NaiveHandler(db));
        System.out.println("naive handler:\n" + report.summary());

        assertTrue(report.successRate() < 0.25, report.summary());
        assertEquals(1040, report.firstFailure().orElseThrow().sqlErrorCode(), report.summary());
        assertEquals(report.succeeded(), rows(db));
    }

    @Test
    void theManagedClientWithEndPassesTheSameRun(MySqlDatabase db) throws SQLException {
        SimulationReport report = run(db, () -> new ManagedHandler(db));
        System.out.println("managed client with end():\n" + report.summary());

        report.assertAllSucceeded();
        assertEquals(INVOCATIONS, report.succeeded());
        assertTrue(report.containersReaped() > 0, "the run reaps containers: " + report.summary());
        // the server holds at most max_connections sessions, plus one: a connection it is in the middle of refusing
        // is counted in Threads_connected for that moment
        assertTrue(report.peakServerConnections().orElseThrow() <= 20 + 1, report.summary());
        assertEquals(INVOCATIONS, rows(db), "every invocation stored its order exactly once");
    }
}
