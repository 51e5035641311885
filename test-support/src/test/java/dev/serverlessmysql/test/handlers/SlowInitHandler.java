package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A static initialiser that takes INIT_MILLIS (from the environment), like a client that connects during init. */
public final class SlowInitHandler implements RequestHandler<Map<String, Object>, String> {

    static {
        try {
            Thread.sleep(Long.parseLong(System.getenv("INIT_MILLIS")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("init interrupted", e);
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
