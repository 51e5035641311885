package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.serverlessmysql.simulated.ClientErrorPageHandler;
import dev.serverlessmysql.simulated.JdbcErrorPageHandler;
import dev.serverlessmysql.simulated.StaticClientHandler;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handlers written the way production code is: a {@code static} client built from environment variables in the handler
 * class, named by class so that the simulator loads it afresh per container and gives it its environment. The client
 * is per container as in Lambda, and a handler that hides database errors behind a 500 is seen failing.
 */
@MySqlTest(serverVariables = {"max_connections=20", "wait_timeout=2"})
class StaticClientPerContainerDbTest {

    private static <I> LambdaSimulator<I> configured(LambdaSimulator<I> simulator, MySqlDatabase db) {
        return simulator.environment("DB_URL", db.jdbcUrl()).environment("DB_USER", db.user())
                .environment("DB_PASSWORD", db.password()).database(db);
    }

    /** The storm of ClientUnderSimulatedContainersTest: 40 containers, 8 at a time, on 20 connection slots, 10% reaped. */
    private static LambdaSimulator<APIGatewayProxyRequestEvent> storm(LambdaSimulator<APIGatewayProxyRequestEvent> simulator,
                                                                      MySqlDatabase db) {
        return configured(simulator, db).containers(40).invocations(400).concurrency(8)
                .thinkTime(Duration.ZERO, Duration.ofMillis(20))
                .event(i -> Events.apiGateway().post("/orders", "{\"order\":" + i + "}").build())
                .reap(0.1, 0.5)
                .timeout(Duration.ofSeconds(10));
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

    private static int rows(MySqlDatabase db) throws SQLException {
        try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db.name() + "`.orders")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aStaticClientPerContainerKeepsOneServerSessionPerWarmContainer(MySqlDatabase db) throws SQLException {
        SimulationReport report = configured(LambdaSimulator.forHandler(StaticClientHandler.class), db)
                .containers(5).invocations(100).concurrency(5)
                .event(i -> Events.sqs().message("{\"order\":" + i + "}").build())
                .timeout(Duration.ofSeconds(10))
                .sampleEvery(Duration.ofMillis(5))
                .run();
        System.out.println("static client per container:\n" + report.summary());

        report.assertAllSucceeded();
        assertEquals(5, report.coldStarts(), "one init per container: " + report.summary());
        // one client per container, each keeping its one connection across invocations: five sessions, not one
        // (a client shared by all containers) and not one per invocation
        assertEquals(5, db.server().sessionCount(db.user()), report.summary());
        assertEquals(5, report.peakServerConnections().orElseThrow(), report.summary());
        assertEquals(100, rows(db));
    }

    @Test
    void aHandlerThatAnswers500OnDatabaseErrorsIsReportedFailingUnderTheStorm(MySqlDatabase db) throws SQLException {
        SimulationReport report = storm(LambdaSimulator.forHandler(JdbcErrorPageHandler.class), db).run();
        System.out.println("static JDBC connection, 500 on SQLException:\n" + report.summary());

        assertTrue(report.successRate() < 0.9, "the 500s count as failures: " + report.summary());
        assertEquals(0, report.timedOut(), report.summary());
        assertTrue(report.failures().stream().allMatch(f -> f.phase() == SimulationReport.Phase.RESPONSE
                && f.errorType().equals("HTTP 500")), report.failureCounts().toString());
        SimulationReport.Failure first = report.firstFailure().orElseThrow();
        assertTrue(first.logs().contains("database error 1040"), "the failure carries the handler's log: " + first.logs());
        assertEquals(report.succeeded(), rows(db));
    }

    @Test
    void theSameHandlerOnTheManagedClientPassesTheStorm(MySqlDatabase db) throws SQLException {
        SimulationReport report = storm(LambdaSimulator.forHandler(ClientErrorPageHandler.class), db).run();
        System.out.println("static managed client, 500 on errors:\n" + report.summary());

        report.assertAllSucceeded();
        assertTrue(report.containersReaped() > 0, report.summary());
        assertTrue(report.coldStarts() > 20, "more containers than connection slots started: " + report.summary());
        assertTrue(report.peakServerConnections().orElseThrow() <= 20 + 1, report.summary());
        assertEquals(400, rows(db), "every invocation stored its order exactly once");
    }
}
