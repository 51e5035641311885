package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.LambdaEvent;
import dev.serverlessmysql.test.LambdaFunction;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler end to end: API Gateway events from events/*.json, a real MySQL database, and a Lambda context. */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
@LambdaFunction(name = "${artifactId}", memory = ${memorySize}, timeout = ${timeoutSeconds})
class OrdersHandlerTest {

    private final MySqlDatabase database;
    private final ServerlessMysql db;
    private final OrdersHandler handler;

    OrdersHandlerTest(MySqlDatabase database) {
        this.database = database;
        this.db = ServerlessMysql.builder().jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password()).build();
        this.handler = new OrdersHandler(db);
    }

    @AfterEach
    void closeClient() {
        db.quit();
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
    void rejectsABodyThatIsNotAnObject(@LambdaEvent(value = "events/create-order.json", body = "[1, 2]") APIGatewayProxyRequestEvent event,
                                       TestContext context) {
        assertEquals(400, handler.handleRequest(event, context).getStatusCode());
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
    void rejectsTooLongTextAndOutOfRangeQuantities(@LambdaEvent(value = "events/create-order.json",
            body = "{\"customer\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"item\":\"pen\",\"quantity\":0}")
            APIGatewayProxyRequestEvent event, TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("at most 100 characters"), response.getBody());
        assertTrue(response.getBody().contains("from 1 to 1000"), response.getBody());
    }

    @Test
    void answers404ForAnUnknownOrder(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/999", pathParameters = "id=999")
                                     APIGatewayProxyRequestEvent event, TestContext context) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, context);
        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("No order with id 999"), response.getBody());
    }

    @Test
    void answers400ForAnIdThatIsNotANumber(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/abc") APIGatewayProxyRequestEvent event,
                                           TestContext context) {
        assertEquals(400, handler.handleRequest(event, context).getStatusCode());
    }

    @Test
    void answers405ForOtherMethods(@LambdaEvent(value = "events/get-order.json", set = "httpMethod=DELETE") APIGatewayProxyRequestEvent delete,
                                   @LambdaEvent(value = "events/list-orders.json", set = "httpMethod=PUT") APIGatewayProxyRequestEvent put,
                                   TestContext context) {
        assertEquals(405, handler.handleRequest(delete, context).getStatusCode());
        assertEquals(405, handler.handleRequest(put, context.nextInvocation()).getStatusCode());
    }

    @Test
    void answers404ForUnknownPaths(@LambdaEvent(value = "events/list-orders.json", set = "path=/customers") APIGatewayProxyRequestEvent event,
                                   TestContext context) {
        assertEquals(404, handler.handleRequest(event, context).getStatusCode());
    }

    @Test
    void answers503WithoutLeakingSecretsWhenTheDatabaseIsUnreachable(
            @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event, TestContext context) {
        ServerlessMysql unreachable = ServerlessMysql.builder().jdbcUrl("jdbc:mysql://127.0.0.1:1/orders")
                .user("app").password("s3cret-password").build();
        try {
            APIGatewayProxyResponseEvent response = new OrdersHandler(unreachable).handleRequest(event, context);
            assertEquals(503, response.getStatusCode());
            assertTrue(context.getLogger().contains("database unavailable"), context.getLogger().output());
            assertFalse(context.getLogger().output().contains("s3cret-password"));
        } finally {
            unreachable.quit();
        }
    }

    @Test
    void keepsOneConnectionAcrossInvocations(@LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent event, TestContext context) {
        TestContext invocation = context;
        for (int i = 0; i < 5; i++) {
            assertEquals(200, handler.handleRequest(event, invocation).getStatusCode());
            invocation = invocation.nextInvocation();
        }
        assertEquals(1, db.stats().connects());
        assertTrue(database.server().sessionCount(database.user()) <= 1);
    }
}
