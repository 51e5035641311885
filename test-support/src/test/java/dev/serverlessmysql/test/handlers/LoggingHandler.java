package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Logs through the context, System.out, System.err and a thread of its own, then fails when the event says so. */
public final class LoggingHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        int i = ((Number) event.get("i")).intValue();
        context.getLogger().log("logger line of invocation " + i);
        System.out.println("stdout line of invocation " + i);
        System.err.println("stderr line of invocation " + i);
        Thread worker = new Thread(() -> System.out.println("worker thread line of invocation " + i));
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (event.containsKey("fail")) {
            throw new IllegalStateException("invocation " + i + " failed on purpose");
        }
        return "ok";
    }
}
