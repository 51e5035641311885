package ${package};

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.serverlessmysql.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The database user and password, read from Secrets Manager through the AWS Parameters and Secrets Lambda extension's
 * local HTTP endpoint, for every new connection: no password in the function's configuration, no AWS SDK in the
 * function, and a rotated secret is picked up when the extension's cache (5 minutes by default) expires.
 */
public final class SecretsManagerCredentials implements Supplier<Credentials> {

    private static final int DEFAULT_PORT = 2773;
    private static final int TIMEOUT_MILLIS = 3000;

    private final String secretId;
    private final String sessionToken;
    private final int port;

    SecretsManagerCredentials(String secretId, String sessionToken, int port) {
        this.secretId = secretId;
        this.sessionToken = sessionToken;
        this.port = port;
    }

    /**
     * Reads DB_SECRET_ARN (the secret, with "username" and "password" keys as RDS writes them), AWS_SESSION_TOKEN
     * (which the extension requires) and PARAMETERS_SECRETS_EXTENSION_HTTP_PORT (the extension's port, 2773 by default).
     *
     * @throws IllegalStateException naming the variable that is missing or wrong
     */
    public static SecretsManagerCredentials fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** As {@link #fromEnvironment()}, reading the variables through {@code variables}. */
    static SecretsManagerCredentials fromEnvironment(Function<String, String> variables) {
        String secretId = variables.apply("DB_SECRET_ARN");
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalStateException("DB_SECRET_ARN is not set: set it to the ARN of the Secrets Manager secret"
                    + " that holds the database user's username and password (template.yaml passes DbSecretArn).");
        }
        String token = variables.apply("AWS_SESSION_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("AWS_SESSION_TOKEN is not set: the Parameters and Secrets extension only"
                    + " answers requests that carry the function's session token, which Lambda sets.");
        }
        String portText = variables.apply("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT");
        int port = DEFAULT_PORT;
        if (portText != null && !portText.isBlank()) {
            try {
                port = Integer.parseInt(portText.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalStateException("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a port number, was '"
                        + portText + "'");
            }
        }
        return new SecretsManagerCredentials(secretId, token, port);
    }

    /**
     * The secret's user and password, fresh from the extension.
     *
     * @throws SecretUnavailableException when the extension is not reachable, refuses, or the secret lacks a key;
     *     the message never contains the secret's value
     */
    @Override
    public Credentials get() {
        JsonObject secret = parse(fetch(), "the extension's answer");
        JsonElement secretString = secret.get("SecretString");
        if (secretString == null || !secretString.isJsonPrimitive()) {
            throw new SecretUnavailableException("The secret " + secretId + " has no SecretString; store the credentials as"
                    + " a JSON text with \"username\" and \"password\" keys.");
        }
        JsonObject values = parse(secretString.getAsString(), "the secret's SecretString");
        return Credentials.of(field(values, "username"), field(values, "password"));
    }

    private String fetch() {
        HttpURLConnection http = null;
        try {
            URI uri = URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                    + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
            http = (HttpURLConnection) uri.toURL().openConnection();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            http.setRequestProperty("X-Aws-Parameters-Secrets-Token", sessionToken);
            int status = http.getResponseCode();
            if (status != 200) {
                // an error answer names the problem (not authorized, no such secret), never a secret's value
                InputStream error = http.getErrorStream();
                String body = error == null ? "" : read(error);
                throw new SecretUnavailableException("The Parameters and Secrets extension answered HTTP " + status
                        + " for the secret " + secretId + ": " + (body.length() > 300 ? body.substring(0, 300) : body)
                        + " (the role needs secretsmanager:GetSecretValue on it)");
            }
            return read(http.getInputStream());
        } catch (IOException e) {
            throw new SecretUnavailableException("The Parameters and Secrets extension is not reachable on localhost:" + port
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); add its layer to the function"
                    + " (template.yaml's SecretsExtensionLayerArn).", e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonObject parse(String json, String what) {
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (parsed.isJsonObject()) {
                return parsed.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // the parser's message may quote the text, which may be the secret: say only where it failed
        }
        throw new SecretUnavailableException(what + " for the secret " + secretId + " is not a JSON object.");
    }

    private String field(JsonObject values, String key) {
        JsonElement value = values.get(key);
        if (value == null || !value.isJsonPrimitive() || value.getAsString().isEmpty()) {
            throw new SecretUnavailableException("The secret " + secretId + " has no \"" + key + "\" key; store the"
                    + " credentials as RDS does: {\"username\": ..., \"password\": ...}.");
        }
        return value.getAsString();
    }

    /** The secret could not be read; the message says why and never contains the secret's value. */
    public static final class SecretUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        SecretUnavailableException(String message) {
            super(message);
        }

        SecretUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Names the secret only. */
    @Override
    public String toString() {
        return "SecretsManagerCredentials[" + secretId + " via localhost:" + port + "]";
    }
}
