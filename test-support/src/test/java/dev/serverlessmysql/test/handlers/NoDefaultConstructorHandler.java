package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Needs its configuration passed in, which the Lambda runtime cannot do. */
public final class NoDefaultConstructorHandler implements RequestHandler<String, String> {

    private final String url;

    public NoDefaultConstructorHandler(String url) {
        this.url = url;
    }

    @Override
    public String handleRequest(String event, Context context) {
        return url;
    }
}
