package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysqlException;
import dev.serverlessmysql.dataapi.DataApiClient;

/**
 * The Lambda entry point: a thin adapter from API Gateway to {@link OrderApi}. SQL goes over Aurora's HTTP Data API,
 * so the function holds no database connection and needs no VPC; one client lives per container.
 */
public final class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final DataApiClient db;
    private final OrderApi api;

    /**
     * Used by the Lambda runtime once per container: the client reads DATA_API_RESOURCE_ARN, DATA_API_SECRET_ARN and
     * DATA_API_DATABASE, and the function's role signs its calls.
     */
    public OrdersHandler() {
        this(DataApiClient.fromEnvironment());
    }

    /** Used by tests, and by code that builds its client another way. */
    public OrdersHandler(DataApiClient db) {
        this.db = db;
        this.api = new OrderApi(new OrderRepository(db));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        // retries while a paused cluster resumes never outlive the invocation
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
