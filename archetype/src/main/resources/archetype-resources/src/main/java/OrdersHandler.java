package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;

/**
 * The Lambda entry point: a thin adapter from API Gateway to {@link OrderApi}. One MySQL client lives per container;
 * {@code end()} runs after every invocation so that the container never leaves a zombie connection behind.
 */
public final class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ServerlessMysql db;
    private final OrderApi api;

    /**
     * Used by the Lambda runtime once per container: the client reads DB_URL, DB_USER and DB_PASSWORD and connects
     * lazily, on the first query, so nothing connects during init#if( $snapStart == "true" ) or before a SnapStart snapshot#end.
     */
    public OrdersHandler() {
        this(ServerlessMysql.fromEnvironment());
    }

    /** Used by tests, and by code that builds its client another way (for example with IAM auth tokens). */
    public OrdersHandler(ServerlessMysql db) {
        this.db = db;
        this.api = new OrderApi(new OrderRepository(db));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        // retries and waits for room on the server never outlive the invocation
        db.remainingTime(context::getRemainingTimeInMillis);
        try {
            return api.handle(request);
        } catch (ServerlessMysqlException e) {
            context.getLogger().log("database unavailable: " + e.getMessage());
            return OrderApi.error(503, "The database is busy or unavailable. Retry shortly.");
        } finally {
            db.end();
        }
    }
}
