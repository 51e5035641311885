package ${package};

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the AWS Parameters and Secrets Lambda extension: GET /secretsmanager/get?secretId=... with the
 * X-Aws-Parameters-Secrets-Token header answers the secret as Secrets Manager's GetSecretValue does; a missing or
 * wrong token gets 401, an unknown secret 400. It records every request it was sent.
 */
final class SecretsExtensionStandIn implements AutoCloseable {

    /** One request the function sent: which secret, with which token. */
    record Request(String secretId, String token) {
    }

    private final HttpServer server;
    private final String token;
    private final Map<String, String> secrets;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private SecretsExtensionStandIn(String token, Map<String, String> secrets) throws IOException {
        this.token = token;
        this.secrets = secrets;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/secretsmanager/get", this::answer);
        server.start();
    }

    /** Serves {@code secretString} as the secret {@code secretId} to requests carrying {@code token}. */
    static SecretsExtensionStandIn serving(String secretId, String secretString, String token) {
        try {
            return new SecretsExtensionStandIn(token, Map.of(secretId, secretString));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the extension stand-in", e);
        }
    }

    /** Serves the user and password as RDS stores them, {"username": ..., "password": ...}. */
    static SecretsExtensionStandIn servingCredentials(String secretId, String user, String password, String token) {
        JsonObject secret = new JsonObject();
        secret.addProperty("username", user);
        secret.addProperty("password", password);
        return serving(secretId, secret.toString(), token);
    }

    /** The port to give the function as PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
    String port() {
        return Integer.toString(server.getAddress().getPort());
    }

    /** Every request so far, oldest first. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String secretId = query != null && query.startsWith("secretId=")
                ? URLDecoder.decode(query.substring("secretId=".length()), StandardCharsets.UTF_8) : null;
        String sent = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
        requests.add(new Request(secretId, sent));
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"message\":\"use GET\"}");
        } else if (sent == null || !sent.equals(token)) {
            respond(exchange, 401, "{\"message\":\"missing or invalid X-Aws-Parameters-Secrets-Token\"}");
        } else if (secretId == null || !secrets.containsKey(secretId)) {
            respond(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
        } else {
            JsonObject answer = new JsonObject();
            answer.addProperty("ARN", secretId);
            answer.addProperty("Name", secretId.substring(secretId.lastIndexOf(':') + 1));
            answer.addProperty("SecretString", secrets.get(secretId));
            answer.addProperty("VersionId", "00000000-0000-0000-0000-000000000001");
            respond(exchange, 200, answer.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
