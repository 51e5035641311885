package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.LambdaEvent;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orders logic against a real MySQL database, fed the API Gateway events of events/*.json. */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
class OrderApiTest {

    private final ServerlessMysql db;
    private final OrderApi api;

    OrderApiTest(MySqlDatabase database) {
        this.db = ServerlessMysql.builder().jdbcUrl(database.jdbcUrl()).user(database.user()).password(database.password()).build();
        this.api = new OrderApi(new OrderRepository(db));
    }

    @AfterEach
    void closeClient() {
        db.quit();
    }

    @Test
    void createsAnOrderAndFindsItAgain(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                       @LambdaEvent("events/get-order.json") APIGatewayProxyRequestEvent get) {
        APIGatewayProxyResponseEvent created = api.handle(create);
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("{\"id\":1,\"customer\":\"Ada\",\"item\":\"keyboard\",\"quantity\":2}", created.getBody());

        APIGatewayProxyResponseEvent found = api.handle(get);
        assertEquals(200, found.getStatusCode());
        assertEquals(created.getBody(), found.getBody());
    }

    @Test
    void listsTheNewestOrdersFirst(@LambdaEvent("events/create-order.json") APIGatewayProxyRequestEvent create,
                                   @LambdaEvent(value = "events/create-order.json", body = "{\"customer\":\"Grace\",\"item\":\"mouse\",\"quantity\":1}")
                                   APIGatewayProxyRequestEvent second,
                                   @LambdaEvent("events/list-orders.json") APIGatewayProxyRequestEvent list) {
        api.handle(create);
        api.handle(second);
        APIGatewayProxyResponseEvent listed = api.handle(list);
        assertEquals(200, listed.getStatusCode());
        assertTrue(listed.getBody().startsWith("[{\"id\":2,\"customer\":\"Grace\""), listed.getBody());
        assertEquals("application/json", listed.getHeaders().get("Content-Type"));
    }

    @Test
    void rejectsInvalidJson(@LambdaEvent(value = "events/create-order.json", body = "{not json") APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = api.handle(event);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("not valid JSON"), response.getBody());
    }

    @Test
    void rejectsABodyThatIsNotAnObject(@LambdaEvent(value = "events/create-order.json", body = "[1, 2]") APIGatewayProxyRequestEvent event) {
        assertEquals(400, api.handle(event).getStatusCode());
    }

    @Test
    void namesEveryMissingOrBadField(@LambdaEvent(value = "events/create-order.json", body = "{\"item\":\"\",\"quantity\":\"many\"}")
                                     APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = api.handle(event);
        assertEquals(400, response.getStatusCode());
        for (String field : new String[] {"'customer'", "'item'", "'quantity'"}) {
            assertTrue(response.getBody().contains(field), response.getBody());
        }
    }

    @Test
    void rejectsTooLongTextAndOutOfRangeQuantities(@LambdaEvent(value = "events/create-order.json",
            body = "{\"customer\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\"item\":\"pen\",\"quantity\":0}")
            APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = api.handle(event);
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("at most 100 characters"), response.getBody());
        assertTrue(response.getBody().contains("from 1 to 1000"), response.getBody());
    }

    @Test
    void answers404ForAnUnknownOrder(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/999", pathParameters = "id=999")
                                     APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = api.handle(event);
        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("No order with id 999"), response.getBody());
    }

    @Test
    void answers400ForAnIdThatIsNotANumber(@LambdaEvent(value = "events/get-order.json", set = "path=/orders/abc") APIGatewayProxyRequestEvent event) {
        assertEquals(400, api.handle(event).getStatusCode());
    }

    @Test
    void answers405ForOtherMethods(@LambdaEvent(value = "events/get-order.json", set = "httpMethod=DELETE") APIGatewayProxyRequestEvent delete,
                                   @LambdaEvent(value = "events/list-orders.json", set = "httpMethod=PUT") APIGatewayProxyRequestEvent put) {
        assertEquals(405, api.handle(delete).getStatusCode());
        assertEquals(405, api.handle(put).getStatusCode());
    }

    @Test
    void answers404ForUnknownPaths(@LambdaEvent(value = "events/list-orders.json", set = "path=/customers") APIGatewayProxyRequestEvent event) {
        assertEquals(404, api.handle(event).getStatusCode());
    }
}
