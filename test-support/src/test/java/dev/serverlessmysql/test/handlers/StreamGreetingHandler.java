package dev.serverlessmysql.test.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A stream handler named by class: answers with the HTTP status its environment names. */
public final class StreamGreetingHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(("{\"statusCode\":" + System.getenv("STATUS") + ",\"body\":\"hi\"}").getBytes(StandardCharsets.UTF_8));
    }
}
