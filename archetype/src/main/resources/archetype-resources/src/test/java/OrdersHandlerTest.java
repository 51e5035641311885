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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler as Lambda runs it: in a simulated container that loads OrdersHandler afresh, gives it DB_URL and
 * DB_SECRET_ARN as environment variables (the user and password come from a stand-in for the Parameters and Secrets
 * extension), builds it through its no-argument constructor (its static client included) during init, and then
 * invokes it with the API Gateway events of events/*.json.
 */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
class OrdersHandlerTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db-AbCdEf";

    private final MySqlDatabase database;
    private final SecretsExtensionStandIn extension;
    private final SimulatedContainer container;

    OrdersHandlerTest(MySqlDatabase database) {
        this.database = database;
        this.extension = SecretsExtensionStandIn.servingCredentials(SECRET_ARN, database.user(), database.password(),
                LambdaSimulator.SIMULATED_SESSION_TOKEN);
        this.container = function().environment("DB_URL", database.jdbcUrl()).environment("DB_SECRET_ARN", SECRET_ARN)
                .environment("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", extension.port()).container();
    }

    private static LambdaSimulator<APIGatewayProxyRequestEvent> function() {
        return LambdaSimulator.forHandler(OrdersHandler.class)
                .function(TestContext.builder().functionName("${artifactId}").memoryLimitInMB(${memorySize})
                        .timeout(Duration.ofSeconds(${timeoutSeconds})));
    }

    @AfterEach
    void dropTheContainer() {
        container.close();
        extension.close();
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
    void readsTheDatabaseCredentialsFromSecretsManagerThroughTheExtension(
            @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent list) {
        assertEquals(200, respond(list).getStatusCode());
        assertEquals(200, respond(list).getStatusCode());
        // one new connection, one read of the secret, with the function's session token as the extension requires
        assertEquals(List.of(new SecretsExtensionStandIn.Request(SECRET_ARN, LambdaSimulator.SIMULATED_SESSION_TOKEN)),
                extension.requests());
    }

    @Test
    void answers503WhenTheExtensionRefusesTheSecret(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SimulatedContainer wrongSecret = function().environment("DB_URL", database.jdbcUrl())
                .environment("DB_SECRET_ARN", SECRET_ARN + "-other")
                .environment("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", extension.port()).container()) {
            InvocationResult<Object> result = wrongSecret.invoke(event);
            assertEquals(503, ((APIGatewayProxyResponseEvent) result.response()).getStatusCode());
            assertTrue(result.logs().contains("HTTP 400"), result.logs());
            assertTrue(result.logs().contains("secretsmanager:GetSecretValue"), result.logs());
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
    void answers503WithoutLeakingSecretsWhenTheDatabaseIsUnreachable(
            @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SecretsExtensionStandIn secret = SecretsExtensionStandIn.servingCredentials(SECRET_ARN, "app",
                "s3cret-password", LambdaSimulator.SIMULATED_SESSION_TOKEN);
             SimulatedContainer unreachable = function().environment("DB_URL", "jdbc:mysql://127.0.0.1:1/orders")
                .environment("DB_SECRET_ARN", SECRET_ARN).environment("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", secret.port())
                .container()) {
            InvocationResult<Object> result = unreachable.invoke(event);
            assertEquals(503, ((APIGatewayProxyResponseEvent) result.response()).getStatusCode());
            assertTrue(result.logs().contains("database unavailable"), result.logs());
            assertFalse(result.logs().contains("s3cret-password"));
        }
    }

    @Test
    void failsItsInitWhenTheDatabaseIsNotConfigured(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event) {
        try (SimulatedContainer unconfigured = function().container()) {
            InvocationResult<Object> result = unconfigured.invoke(event);
            assertEquals("Runtime.InitError", result.errorType());
            assertTrue(result.errorMessage().contains("DB_SECRET_ARN"), result.errorMessage());
        }
    }
}
