package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.test.handlers.shared.Probe;
import java.util.Map;

/** Its init fails on odd attempts and whenever FAIL_INIT is set: it prints, then throws from its static initialiser. */
public final class FlakyInitHandler implements RequestHandler<Map<String, Object>, String> {

    static {
        int attempt = Probe.INIT_ATTEMPTS.incrementAndGet();
        System.out.println("init attempt " + attempt + ", connecting to " + System.getenv("DB_URL"));
        if (System.getenv("FAIL_INIT") != null || attempt % 2 == 1) {
            throw new IllegalStateException("cannot reach the database at " + System.getenv("DB_URL"));
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
