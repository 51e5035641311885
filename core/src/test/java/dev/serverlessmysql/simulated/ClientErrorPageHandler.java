package dev.serverlessmysql.simulated;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;

/** {@link JdbcErrorPageHandler} rewritten on the managed client: a static client from the environment, end() after each call. */
public final class ClientErrorPageHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final ServerlessMysql DB = ServerlessMysql.fromEnvironment();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        DB.remainingTime(context::getRemainingTimeInMillis);
        try {
            DB.update("INSERT INTO orders (request_id, body) VALUES (?, ?)", context.getAwsRequestId(), request.getBody());
            return new APIGatewayProxyResponseEvent().withStatusCode(201).withBody("{\"stored\":true}");
        } catch (ServerlessMysqlException e) {
            context.getLogger().log("database error: " + e.getMessage());
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"error\":\"unavailable\"}");
        } finally {
            DB.end();
        }
    }
}
