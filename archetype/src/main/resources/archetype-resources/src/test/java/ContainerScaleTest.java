package ${package};

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulationReport;
import org.junit.jupiter.api.Test;

/**
 * Production's lifecycle in miniature: many containers, each with its own handler, on a server with few connection
 * slots. Some containers are reaped without closing anything, as Lambda does, and the rest must still be served.
 */
@MySqlTest(init = "db/schema.sql", serverVariables = "max_connections=12")
class ContainerScaleTest {

    @Test
    void survivesFiveTimesMoreContainersThanConnectionSlots(MySqlDatabase database) {
        SimulationReport report = LambdaSimulator.forHandler(() -> new OrdersHandler(ServerlessMysql.builder()
                        .jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password()).build()))
                .containers(60)
                .invocations(300)
                .concurrency(8)
                .event(i -> Events.apiGateway().get("/orders").build())
                .reap(0.1)
                .database(database)
                .run();
        // every invocation must be served although 60 containers compete for 12 slots; the report says how many
        // connections the server held at its peak
        report.assertAllSucceeded();
    }
}
