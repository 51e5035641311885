package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Reads its configuration from environment variables in every way Java code does. */
public final class EnvironmentHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {

    private static final String AT_INIT = System.getenv("GREETING");
    private static final Function<String, String> VARIABLES = System::getenv;

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("atInit", AT_INIT);
        seen.put("direct", System.getenv("GREETING"));
        seen.put("methodReference", VARIABLES.apply("GREETING"));
        seen.put("fromMap", System.getenv().get("GREETING"));
        seen.put("variables", String.valueOf(System.getenv().size()));
        seen.put("PATH", String.valueOf(System.getenv("PATH")));
        seen.put("functionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
        seen.put("logStream", System.getenv("AWS_LAMBDA_LOG_STREAM_NAME"));
        seen.put("contextLogStream", context.getLogStreamName());
        seen.put("handler", System.getenv("_HANDLER"));
        seen.put("sessionToken", System.getenv("AWS_SESSION_TOKEN"));
        seen.put("accessKeyId", System.getenv("AWS_ACCESS_KEY_ID"));
        seen.put("contextLoader", String.valueOf(Thread.currentThread().getContextClassLoader()));
        return seen;
    }
}
