package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulationReport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Production's lifecycle in miniature, on the handler exactly as deployed: each simulated container loads
 * OrdersHandler afresh with its own static client, on a server with few connection slots. Some containers are reaped
 * without closing anything, as Lambda does, and every request must still be served (a 503 counts as a failure).
 */
@MySqlTest(init = "db/schema.sql", serverVariables = "max_connections=12")
class ContainerScaleTest {

    private LambdaSimulator<APIGatewayProxyRequestEvent> orders(MySqlDatabase database) {
        // the IAM token comes from StandInTokenSource: the local server checks the user's password, not a signature
        return LambdaSimulator.forHandler(OrdersHandler.class)
                .isolateCodeSourceOf(StandInTokenSource.class)
                .environment("DB_URL", database.jdbcUrl())
                .environment("DB_USER", database.user())
                .environment(StandInTokenSource.VARIABLE, database.password())
                .timeout(Duration.ofSeconds(${timeoutSeconds})) // the function's timeout, as in template.yaml
                .event(i -> Events.apiGateway().get("/orders").build())
                .database(database);
    }

    @AfterEach
    void dropLeftoverSessions(MySqlDatabase database) {
        database.server().killSessions(database.user());
    }

    @Test
    void buildsOneClientPerContainer(MySqlDatabase database) {
        SimulationReport report = orders(database).containers(4).invocations(40).concurrency(4).run();
        report.assertAllSucceeded();
        // four inits, four connections: each container has its own static client, which keeps its one connection
        assertEquals(4, report.coldStarts(), report.summary());
        assertEquals(4, report.peakServerConnections().orElseThrow(), report.summary());
    }

    @Test
    void servesManyMoreContainersThanConnectionSlots(MySqlDatabase database) {
        SimulationReport report = orders(database).containers(200).invocations(300).concurrency(8).reap(0.1).run();
        report.assertAllSucceeded();
        assertTrue(report.coldStarts() > 12, "more containers than slots started: " + report.summary());
        // the server holds at most max_connections sessions, plus one it is in the middle of refusing
        assertTrue(report.peakServerConnections().orElseThrow() <= 12 + 1, report.summary());
    }
}
