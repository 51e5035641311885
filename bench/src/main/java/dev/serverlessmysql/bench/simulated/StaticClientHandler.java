package dev.serverlessmysql.bench.simulated;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.ServerlessMysql;
import java.util.Map;

/**
 * The archetype's pattern without a database behind it: a static client from the environment, built during init (it
 * connects lazily, so nothing connects here), and {@code end()} after each invocation.
 */
public final class StaticClientHandler implements RequestHandler<Map<String, Object>, String> {

    private static final ServerlessMysql DB = ServerlessMysql.fromEnvironment();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        DB.remainingTime(context::getRemainingTimeInMillis);
        try {
            return DB.toString();
        } finally {
            DB.end();
        }
    }
}
