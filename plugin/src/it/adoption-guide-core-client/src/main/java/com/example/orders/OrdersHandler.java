package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;
import java.util.Map;

/** Stores an order: the same function on the core client, one client per container and end() after every call. */
public class OrdersHandler implements RequestHandler<Map<String, String>, String> {

    // built once per container, during init, from DB_URL, DB_USER and DB_PASSWORD; it connects at the first query
    private static final ServerlessMysql DB = ServerlessMysql.builder().fromEnvironment().build();

    @Override
    public String handleRequest(Map<String, String> order, Context context) {
        String item = order.get("item");
        if (item == null || item.isBlank()) {
            return "missing item";
        }
        // retries and waits for room on the server end before the invocation does
        DB.remainingTime(context::getRemainingTimeInMillis);
        try {
            DB.update("INSERT INTO dblambda.orders (item) VALUES (?)", item);
            context.getLogger().log("stored " + item);
            return "stored " + item;
        } catch (ServerlessMysqlException e) {
            throw new IllegalStateException("could not store the order", e);
        } finally {
            // keeps frozen and reaped containers from piling up idle connections on the server
            DB.end();
        }
    }
}
