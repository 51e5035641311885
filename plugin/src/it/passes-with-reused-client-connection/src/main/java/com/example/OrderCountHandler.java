package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.ServerlessMysql;

/** The recommended shape: one client per container, built outside handleRequest, end() after every invocation. */
public class OrderCountHandler implements RequestHandler<String, Long> {

    static ServerlessMysql db;

    @Override
    public Long handleRequest(String input, Context context) {
        try {
            return ((Number) db.query("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
                    input).get(0).get("n")).longValue();
        } finally {
            db.end();
        }
    }
}
