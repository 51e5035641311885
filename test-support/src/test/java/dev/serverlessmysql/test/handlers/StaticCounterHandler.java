package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts its invocations in a static field, as a per-container cache or client would live. */
public final class StaticCounterHandler implements RequestHandler<Map<String, Object>, Integer> {

    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        return INVOCATIONS.incrementAndGet();
    }
}
