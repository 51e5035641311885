package ${package};

import dev.serverlessmysql.dataapi.DataApiClient;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.Events;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulationReport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Production's lifecycle in miniature: many containers, each with its own handler and client, some reaped without
 * closing anything. Over the Data API no container holds a connection, so the database never sees one per container.
 */
@MySqlTest(init = "db/schema.sql", dataApi = true)
class ContainerScaleTest {

    private final List<DataApiClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(DataApiClient::close);
    }

    @Test
    void servesManyContainersWithoutAConnectionEach(DataApiEndpoint endpoint, MySqlDatabase database) {
        SimulationReport report = LambdaSimulator.forHandler(() -> {
                    DataApiClient client = LocalDataApi.client(endpoint);
                    clients.add(client);
                    return new OrdersHandler(client);
                })
                .containers(60)
                .invocations(300)
                .concurrency(8)
                .event(i -> Events.apiGateway().get("/orders").build())
                .reap(0.1)
                .database(database)
                .run();
        report.assertAllSucceeded();
    }
}
