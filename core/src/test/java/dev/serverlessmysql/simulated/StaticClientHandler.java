package dev.serverlessmysql.simulated;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.serverlessmysql.ServerlessMysql;

/**
 * The production pattern every Lambda guide shows: one static client per container, built from DB_URL, DB_USER and
 * DB_PASSWORD during init, and {@code end()} after every invocation.
 */
public final class StaticClientHandler implements RequestHandler<SQSEvent, String> {

    private static final ServerlessMysql DB = ServerlessMysql.fromEnvironment();

    @Override
    public String handleRequest(SQSEvent event, Context context) {
        DB.remainingTime(context::getRemainingTimeInMillis);
        try {
            DB.query("SELECT COUNT(*) AS n FROM orders");
            DB.update("INSERT INTO orders (request_id, body) VALUES (?, ?)", context.getAwsRequestId(),
                    event.getRecords().get(0).getBody());
            return "stored";
        } finally {
            DB.end();
        }
    }
}
