package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.dataapi.DataApiClient;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.LambdaEvent;
import dev.serverlessmysql.test.LambdaFunction;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.TestContext;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The handler end to end: API Gateway events from events/*.json, a local Data API over a real database, a context. */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true, dataApi = true)
@LambdaFunction(name = "${artifactId}", memory = ${memorySize}, timeout = ${timeoutSeconds})
class OrdersHandlerTest {

    private final DataApiEndpoint endpoint;
    private final DataApiClient db;
    private final OrdersHandler handler;

    OrdersHandlerTest(DataApiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.db = LocalDataApi.client(endpoint);
        this.handler = new OrdersHandler(db);
    }

    @AfterEach
    void closeClient() {
        db.close();
    }

    @Test
    void createsAnOrderAndFindsItAgain(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                       @LambdaEvent("events/get-order.json") APIGatewayProxyRequestEvent get, TestContext context) {
        APIGatewayProxyResponseEvent created = handler.handleRequest(create, context);
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("{\"id\":1,\"customer\":\"Ada\",\"item\":\"keyboard\",\"quantity\":2}", created.getBody());

        APIGatewayProxyResponseEvent found = handler.handleRequest(get, context.nextInvocation());
        assertEquals(200, found.getStatusCode());
        assertEquals(created.getBody(), found.getBody());
    }

    @Test
    void listsTheNewestOrdersFirst(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                   @LambdaEvent(value = "events/create-order.json", body = "{\"customer\":\"Grace\",\"item\":\"mouse\",\"quantity\":1}")
                                   APIGatewayProxyRequestEvent second,
                                   @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent list, TestContext context) {
        handler.handleRequest(create, context);
        handler.handleRequest(second, context.nextInvocation());
        APIGatewayProxyResponseEvent listed = handler.handleRequest(list, context.nextInvocation());
        assertEquals(200, listed.getStatusCode());
        assertTrue(listed.getBody().startsWith("[{\"id\":2,\"customer\":\"Grace\""), listed.getBody());
        assertEquals("application/json", listed.getHeaders().get("Content-Type"));
    }

    @Test
    void rejectsInvalidJson(@LambdaEvent(value = "events/create-order.json", body = "{not json") APIGatewayProxyRequestEvent event,
                            TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("not valid JSON"), response.getBody());
    }

    @Test
    void namesEveryMissingOrBadField(@LambdaEvent(value = "events/create-order.json", body = "{\"item\":\"\",\"quantity\":\"many\"}")
                                     APIGatewayProxyRequestEvent event, TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(400, response.getStatusCode());
        for (String field : new String[] {"'customer'", "'item'", "'quantity'"}) {
            assertTrue(response.getBody().contains(field), response.getBody());
        }
    }

    @Test
    void rejectsABodyThatIsNotAnObject(@LambdaEvent(value = "events/create-order.json", body = "[1, 2]") APIGatewayProxyRequestEvent event,
                                       TestContext context) {
        assertEquals(400, handler.handleRequest(event, context).getStatusCode());
    }

    @Test
    void rejectsTooLongTextAndOutOfRangeQuantities(@LambdaEvent(value = "events/create-order.json",
            body = "{\"customer\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"item\":\"pen\",\"quantity\":0}")
            APIGatewayProxyRequestEvent event, TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("at most 100 characters"), response.getBody());
        assertTrue(response.getBody().contains("from 1 to 1000"), response.getBody());
    }

    @Test
    void refusesToStartWithoutItsConfiguration() {
        // the runtime's constructor reads DATA_API_RESOURCE_ARN and DATA_API_SECRET_ARN, which tests do not set
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, OrdersHandler::new);
        assertTrue(e.getMessage().contains("DATA_API_RESOURCE_ARN"), e.getMessage());
    }

    @Test
    void answers404ForAnUnknownOrder(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/999", pathParameters = "id=999")
                                     APIGatewayProxyRequestEvent event, TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("No order with id 999"), response.getBody());
    }

    @Test
    void answers400And405And404ForBadRequests(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/abc")
                                              APIGatewayProxyRequestEvent badId,
                                              @LambdaEvent(value = "events/get-order.json", set = "httpMethod=DELETE")
                                              APIGatewayProxyRequestEvent delete,
                                              @LambdaEvent(value = "events/list-orders.json", set = "path=/customers")
                                              APIGatewayProxyRequestEvent unknown, TestContext context) {
        assertEquals(400, handler.handleRequest(badId, context).getStatusCode());
        assertEquals(405, handler.handleRequest(delete, context.nextInvocation()).getStatusCode());
        assertEquals(404, handler.handleRequest(unknown, context.nextInvocation()).getStatusCode());
    }

    @Test
    void waitsForAPausedClusterToResume(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                        TestContext context) {
        // Aurora Serverless at 0 ACU answers DatabaseResumingException for a few seconds; the client retries
        endpoint.pauseForCalls(2);
        assertEquals(201, handler.handleRequest(create, context).getStatusCode());
        assertEquals(2, db.stats().retries());
    }

    @Test
    void answers503WhenTheDataApiCannotBeReached(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event,
                                                 TestContext context) {
        try (DataApiClient unreachable = DataApiClient.builder().resourceArn(endpoint.resourceArn())
                .secretArn(endpoint.secretArn()).endpoint(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .retryDeadline(Duration.ofMillis(200)).build()) {
            APIGatewayProxyResponseEvent response = new OrdersHandler(unreachable).handleRequest(event, context);
            assertEquals(503, response.getStatusCode());
            assertTrue(context.getLogger().contains("database unavailable"), context.getLogger().output());
        }
    }
}
