package dev.serverlessmysql.test.dataapi;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The REST-JSON front: routes {@code POST /Execute}, {@code /BatchExecute}, {@code /BeginTransaction},
 * {@code /CommitTransaction} and {@code /RollbackTransaction} to their operations, enforces the 4 MiB request limit,
 * and writes answers as the service does: 200 with a JSON body, or the error type's HTTP status with an
 * {@code x-amzn-ErrorType} header and a {@code {"message": ...}} body, which the SDK turns into its exception classes.
 */
final class HttpFront implements HttpHandler {

    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final Map<String, Function<Request, JsonObject>> routes;
    private final Target target;
    private final LongAdder calls = new LongAdder();
    private final Map<String, LongAdder> callsByOperation = new ConcurrentHashMap<>();

    HttpFront(Operations operations, Target target) {
        this.target = target;
        this.routes = Map.of(
                "/Execute", operations::execute,
                "/BatchExecute", operations::batchExecute,
                "/BeginTransaction", operations::begin,
                "/CommitTransaction", operations::commit,
                "/RollbackTransaction", operations::rollback);
    }

    long calls() {
        return calls.sum();
    }

    long calls(String path) {
        LongAdder n = callsByOperation.get(path);
        return n == null ? 0 : n.sum();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        JsonObject body;
        String errorType = null;
        try {
            String path = exchange.getRequestURI().getPath();
            Function<Request, JsonObject> operation = routes.get(path);
            if (operation == null || !"POST".equals(exchange.getRequestMethod())) {
                throw ApiError.unknownOperation(exchange.getRequestMethod() + " " + path);
            }
            calls.increment();
            callsByOperation.computeIfAbsent(path, p -> new LongAdder()).increment();
            byte[] bytes = read(exchange);
            target.checkSignature(exchange.getRequestHeaders().getFirst("Authorization"));
            body = operation.apply(Request.parse(bytes));
        } catch (ApiError e) {
            status = e.status();
            errorType = e.type();
            body = new JsonObject();
            body.addProperty("message", e.getMessage());
            if (e.dbConnectionId() != null) {
                body.addProperty("dbConnectionId", e.dbConnectionId());
            }
        } catch (RuntimeException e) {
            status = 500;
            errorType = "InternalServerErrorException";
            body = new JsonObject();
            body.addProperty("message", "The local Data API failed: " + e);
        }
        byte[] out = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.trim()) > MAX_REQUEST_BYTES) {
            drain(exchange.getRequestBody());
            throw tooLarge();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > MAX_REQUEST_BYTES) {
                    drain(in);
                    throw tooLarge();
                }
            }
        }
        return buffer.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] skip = new byte[64 * 1024];
        while (in.read(skip) > 0) {
            // the client must be able to read the answer on the same connection
        }
    }

    private static ApiError tooLarge() {
        return ApiError.badRequest("The request is larger than the Data API's limit of 4 MiB; send fewer parameter"
                + " sets per BatchExecuteStatement call");
    }
}
