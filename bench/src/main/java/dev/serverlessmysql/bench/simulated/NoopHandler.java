package dev.serverlessmysql.bench.simulated;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Does nearly nothing, so that what is measured around it is the harness's own cost. */
public final class NoopHandler implements RequestHandler<Map<String, Object>, Integer> {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        return CALLS.incrementAndGet();
    }
}
