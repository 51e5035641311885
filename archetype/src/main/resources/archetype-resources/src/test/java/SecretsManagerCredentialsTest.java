package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.Credentials;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the database credentials from a local stand-in of the Parameters and Secrets extension. */
class SecretsManagerCredentialsTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-XyZ012";
    private static final String TOKEN = "session-token";

    private static Map<String, String> environment(SecretsExtensionStandIn extension) {
        Map<String, String> variables = new HashMap<>();
        variables.put("DB_SECRET_ARN", ARN);
        variables.put("AWS_SESSION_TOKEN", TOKEN);
        variables.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", extension.port());
        return variables;
    }

    @Test
    void readsTheUserAndPasswordOfTheSecretWithTheSessionToken() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.servingCredentials(ARN, "app", "pa ss:w/rd", TOKEN)) {
            Credentials credentials = SecretsManagerCredentials.fromEnvironment(environment(extension)::get).get();
            assertEquals(Credentials.of("app", "pa ss:w/rd"), credentials);
            // the ARN travels URL-encoded and comes back whole
            assertEquals(ARN, extension.requests().get(0).secretId());
            assertEquals(TOKEN, extension.requests().get(0).token());
        }
    }

    @Test
    void asksTheExtensionForEveryNewConnection() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.servingCredentials(ARN, "app", "pw", TOKEN)) {
            SecretsManagerCredentials supplier = SecretsManagerCredentials.fromEnvironment(environment(extension)::get);
            supplier.get();
            supplier.get();
            // the extension caches; asking it each time picks up a rotated secret when its cache expires
            assertEquals(2, extension.requests().size());
        }
    }

    @Test
    void namesTheMissingSecretArn() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretsManagerCredentials.fromEnvironment(Map.of("AWS_SESSION_TOKEN", TOKEN)::get));
        assertTrue(e.getMessage().contains("DB_SECRET_ARN is not set"), e.getMessage());
    }

    @Test
    void needsTheSessionTokenThatTheExtensionChecks() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretsManagerCredentials.fromEnvironment(Map.of("DB_SECRET_ARN", ARN)::get));
        assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"), e.getMessage());
    }

    @Test
    void rejectsAPortThatIsNotOne() {
        Map<String, String> variables = Map.of("DB_SECRET_ARN", ARN, "AWS_SESSION_TOKEN", TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "http");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretsManagerCredentials.fromEnvironment(variables::get));
        assertTrue(e.getMessage().contains("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"), e.getMessage());
    }

    @Test
    void saysWhatTheExtensionAnsweredWhenItRefuses() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.servingCredentials(ARN, "app", "pw", "other-token")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SecretsManagerCredentials.fromEnvironment(environment(extension)::get).get());
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertTrue(e.getMessage().contains(ARN), e.getMessage());
        }
    }

    @Test
    void saysTheExtensionIsMissingWhenNothingListens() {
        Map<String, String> variables;
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.servingCredentials(ARN, "app", "pw", TOKEN)) {
            variables = environment(extension);
        }
        // the stand-in is closed: its port refuses, as localhost:2773 does without the extension's layer
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecretsManagerCredentials.fromEnvironment(variables::get).get());
        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        assertTrue(e.getMessage().contains("layer"), e.getMessage());
    }

    @Test
    void namesAMissingKeyWithoutShowingTheSecret() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.serving(ARN,
                "{\"user\":\"app\",\"password\":\"top-secret-value\"}", TOKEN)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SecretsManagerCredentials.fromEnvironment(environment(extension)::get).get());
            assertTrue(e.getMessage().contains("\"username\""), e.getMessage());
            assertFalse(e.getMessage().contains("top-secret-value"), e.getMessage());
        }
    }

    @Test
    void refusesASecretThatIsNotJsonWithoutShowingIt() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.serving(ARN, "top-secret-plaintext {", TOKEN)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SecretsManagerCredentials.fromEnvironment(environment(extension)::get).get());
            assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
            assertFalse(e.getMessage().contains("top-secret-plaintext"), e.getMessage());
        }
    }

    @Test
    void showsTheSecretNameOnlyInToString() {
        try (SecretsExtensionStandIn extension = SecretsExtensionStandIn.servingCredentials(ARN, "app", "pw", TOKEN)) {
            String shown = SecretsManagerCredentials.fromEnvironment(environment(extension)::get).toString();
            assertTrue(shown.contains(ARN), shown);
            assertFalse(shown.contains(TOKEN), shown);
        }
    }
}
