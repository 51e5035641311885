package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.test.InvocationResult;
import dev.serverlessmysql.test.LambdaEvent;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulatedContainer;
import dev.serverlessmysql.test.TestContext;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler as Lambda runs it: in a simulated container that loads OrdersHandler afresh, gives it DB_URL and
 * DB_USER as environment variables, builds it through its no-argument constructor (its static client included)
 * during init, and then invokes it with the API Gateway events of events/*.json. The IAM token comes from
 * StandInTokenSource: the local test server checks a password and cannot check a real token's signature, so the
 * stand-in hands out the local user's password (IamAuthTokenCredentialsTest checks the real signer's tokens).
 */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
class OrdersHandlerTest {

    private final MySqlDatabase database;
    private final SimulatedContainer container;

    OrdersHandlerTest(MySqlDatabase database) {
        this.database = database;
        this.container = function().environment("DB_URL", database.jdbcUrl()).environment("DB_USER", database.user())
                .environment(StandInTokenSource.VARIABLE, database.password()).container();
    }

    private static LambdaSimulator<APIGatewayProxyRequestEvent> function() {
        return LambdaSimulator.forHandler(OrdersHandler.class)
                // the stand-in token source (a test class) is loaded per container, beside the handler it serves
                .isolateCodeSourceOf(StandInTokenSource.class)
                .function(TestContext.builder().functionName("${artifactId}").memoryLimitInMB(${memorySize})
                        .timeout(Duration.ofSeconds(${timeoutSeconds})));
    }

    @AfterEach
    void dropTheContainer() {
        container.close();
        // Lambda never closes a dropped container's connection; the server's wait_timeout would
        database.server().killSessions(database.user());
    }

    private APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent request) {
        return (APIGatewayProxyResponseEvent) container.invoke(request).response();
    }

    @Test
    void createsAnOrderAndFindsItAgain(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                       @LambdaEvent("events/get-order.json") APIGatewayProxyRequestEvent get) {
        APIGatewayProxyResponseEvent created = respond(create);
        assertEquals(201, created.getStatusCode(), created.getBody());
        APIGatewayProxyResponseEvent found = respond(get);
        assertEquals(200, found.getStatusCode());
        assertEquals(created.getBody(), found.getBody());
        assertEquals(1, container.coldStarts(), "the second invocation reused the container");
    }

    @Test
    void signsInWithTheTokenAsThePasswordAndReconnectsWithAFreshOne(
            @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent list) {
        assertEquals(200, respond(list).getStatusCode());
        // the session is gone (reaped by the server); the next invocation connects again with a new token
        database.server().killSessions(database.user());
        assertEquals(200, respond(list).getStatusCode());
        assertEquals(1, database.server().sessionCount(database.user()));
    }

    @Test
    void answers503WithoutShowingTheTokenWhenTheDatabaseRefusesIt(
            @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SimulatedContainer refused = function().environment("DB_URL", database.jdbcUrl())
                .environment("DB_USER", database.user()).environment(StandInTokenSource.VARIABLE, "expired-token-value")
                .container()) {
            InvocationResult<Object> result = refused.invoke(event);
            assertEquals(503, ((APIGatewayProxyResponseEvent) result.response()).getStatusCode());
            assertTrue(result.logs().contains("database unavailable"), result.logs());
            assertFalse(result.logs().contains("expired-token-value"), result.logs());
        }
    }

    @Test
    void keepsOneConnectionAcrossInvocations(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent list) {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, respond(list).getStatusCode());
        }
        assertEquals(1, database.server().sessionCount(database.user()), "one client per container, one connection");
    }

    @Test
    void rejectsInvalidJson(@LambdaEvent(value = "events/create-order.json", body = "{not json") APIGatewayProxyRequestEvent event) {
        assertEquals(400, respond(event).getStatusCode());
    }

    @Test
    void answers503WhenTheDatabaseIsUnreachable(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SimulatedContainer unreachable = function().environment("DB_URL", "jdbc:mysql://127.0.0.1:1/orders")
                .environment("DB_USER", "orders_app").environment(StandInTokenSource.VARIABLE, "a-token").container()) {
            InvocationResult<Object> result = unreachable.invoke(event);
            assertEquals(503, ((APIGatewayProxyResponseEvent) result.response()).getStatusCode());
            assertTrue(result.logs().contains("database unavailable"), result.logs());
            assertFalse(result.logs().contains("a-token"), result.logs());
        }
    }

    @Test
    void failsItsInitWhenTheDatabaseIsNotConfigured(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SimulatedContainer unconfigured = function().container()) {
            InvocationResult<Object> result = unconfigured.invoke(event);
            assertEquals("Runtime.InitError", result.errorType());
            assertTrue(result.errorMessage().contains("DB_URL is not set"), result.errorMessage());
        }
    }
}
