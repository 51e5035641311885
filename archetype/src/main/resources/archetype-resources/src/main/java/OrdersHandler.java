package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;

/**
 * The Lambda entry point: a thin adapter from API Gateway to {@link OrderApi}. The MySQL client is static, so the
 * Lambda runtime builds it once per container, during init, and every invocation in that container reuses it;
 * {@code end()} after every invocation keeps frozen or reaped containers from piling up zombie connections.
 */
public final class OrdersHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

#if( $dbAuth == "iam" )
    /**
     * One client per container, configured by DB_URL and DB_USER, with a fresh RDS IAM authentication token as the
     * password for every new connection (signed locally with the execution role's credentials), so no password
     * exists at all; it connects lazily, on the first query, so nothing connects during
     * init#if( $snapStart == "true" ) or before a SnapStart snapshot#end.
     */
    private static final IamAuthTokenCredentials IAM = IamAuthTokenCredentials.fromEnvironment();
    private static final ServerlessMysql DB = ServerlessMysql.builder().jdbcUrl(IAM.jdbcUrl()).credentials(IAM).build();
#else
    /**
     * One client per container, configured by DB_URL, with the user and password read from Secrets Manager
     * (DB_SECRET_ARN) through the Parameters and Secrets extension for every new connection, so no password sits in
     * the function's configuration; it connects lazily, on the first query, so nothing connects during
     * init#if( $snapStart == "true" ) or before a SnapStart snapshot#end.
     */
    private static final ServerlessMysql DB = ServerlessMysql.builder().fromEnvironment()
            .credentials(SecretsManagerCredentials.fromEnvironment()).build();
#end
    private static final OrderApi API = new OrderApi(new OrderRepository(DB));

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        // retries and waits for room on the server never outlive the invocation
        DB.remainingTime(context::getRemainingTimeInMillis);
        try {
            return API.handle(request);
        } catch (ServerlessMysqlException e) {
#if( $dbAuth == "iam" )
            // the message names the user and the host, never a token
            context.getLogger().log("database unavailable: " + e.getMessage());
#else
            // the client keeps a credentials supplier's message out of its own; this one names the secret and the
            // cause, never the secret's value
            String cause = e.getCause() instanceof SecretsManagerCredentials.SecretUnavailableException
                    ? " (" + e.getCause().getMessage() + ")" : "";
            context.getLogger().log("database unavailable: " + e.getMessage() + cause);
#end
            return OrderApi.error(503, "The database is busy or unavailable. Retry shortly.");
        } finally {
            DB.end();
        }
    }
}
