package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.Credentials;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The IAM token supplier: RDS's signer makes a well-formed SigV4-presigned token from the Lambda environment's
 * credentials (the same stand-in keys LambdaSimulator gives a function), and core asks for a fresh one per connect.
 */
@MySqlTest
class IamAuthTokenCredentialsTest {

    private static final String HOST = "orders.cluster-abc123.eu-west-1.rds.amazonaws.com";
    private static final String URL = "jdbc:mysql://" + HOST + ":3306/orders?sslMode=VERIFY_IDENTITY";

    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("DB_URL", URL);
        variables.put("DB_USER", "orders_app");
        variables.put("AWS_REGION", "eu-west-1");
        variables.put("AWS_ACCESS_KEY_ID", LambdaSimulator.SIMULATED_ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", LambdaSimulator.SIMULATED_SECRET_ACCESS_KEY);
        variables.put("AWS_SESSION_TOKEN", LambdaSimulator.SIMULATED_SESSION_TOKEN);
        return variables;
    }

    @Test
    void signsAWellFormedSigV4TokenForTheHostPortUserAndRegion() throws Exception {
        Credentials credentials = IamAuthTokenCredentials.fromEnvironment(lambdaEnvironment()::get, Optional.empty()).get();
        assertEquals("orders_app", credentials.user());
        String token = credentials.password();
        String prefix = HOST + ":3306/?";
        assertTrue(token.startsWith(prefix), token);

        Map<String, String> query = new TreeMap<>();
        for (String pair : token.substring(prefix.length()).split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertEquals("connect", query.get("Action"));
        assertEquals("orders_app", query.get("DBUser"));
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertEquals("host", query.get("X-Amz-SignedHeaders"));
        assertEquals("900", query.get("X-Amz-Expires"), "RDS accepts a token for 15 minutes");
        assertEquals(LambdaSimulator.SIMULATED_SESSION_TOKEN, query.get("X-Amz-Security-Token"));
        String date = query.get("X-Amz-Date");
        assertTrue(date.matches("[0-9]{8}T[0-9]{6}Z"), date);
        String scope = date.substring(0, 8) + "/eu-west-1/rds-db/aws4_request";
        assertEquals(LambdaSimulator.SIMULATED_ACCESS_KEY_ID + "/" + scope, query.get("X-Amz-Credential"));
        String signature = query.remove("X-Amz-Signature");
        assertTrue(signature.matches("[0-9a-f]{64}"), signature);

        // the signature is SigV4's over the presigned GET, recomputed here from the secret key
        List<String> canonicalQuery = new ArrayList<>();
        query.forEach((key, value) -> canonicalQuery.add(encode(key) + "=" + encode(value)));
        String canonicalRequest = String.join("\n", "GET", "/", String.join("&", canonicalQuery),
                "host:" + HOST + ":3306", "", "host", hex(MessageDigest.getInstance("SHA-256").digest(new byte[0])));
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope,
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + LambdaSimulator.SIMULATED_SECRET_ACCESS_KEY).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date.substring(0, 8), "eu-west-1", "rds-db", "aws4_request"}) {
            key = hmac(key, part);
        }
        assertEquals(hex(hmac(key, stringToSign)), signature, "not a valid SigV4 signature of the token's request");
    }

    @Test
    void readsTheRolesCredentialsAgainForEveryToken() {
        Map<String, String> environment = lambdaEnvironment();
        IamAuthTokenCredentials supplier = IamAuthTokenCredentials.fromEnvironment(environment::get, Optional.empty());
        assertTrue(supplier.get().password().contains("X-Amz-Security-Token=" + LambdaSimulator.SIMULATED_SESSION_TOKEN));
        environment.put("AWS_SESSION_TOKEN", "rotated-session-token");
        assertTrue(supplier.get().password().contains("X-Amz-Security-Token=rotated-session-token"),
                "a token signed with credentials read once, not at every connect");
    }

    @Test
    void coreAsksForAFreshTokenAtEveryConnect(MySqlDatabase database) {
        List<String> asked = new ArrayList<>();
        IamAuthTokenCredentials supplier = new IamAuthTokenCredentials(database.jdbcUrl(), database.server().host(),
                database.server().port(), database.user(),
                (host, port, user) -> {
                    asked.add(user + "@" + host + ":" + port);
                    return database.password();
                });
        ServerlessMysql db = ServerlessMysql.builder().jdbcUrl(supplier.jdbcUrl()).credentials(supplier).build();
        try {
            assertEquals(List.of(1), db.query("SELECT 1", rs -> rs.getInt(1)));
            assertEquals(List.of(1), db.query("SELECT 1", rs -> rs.getInt(1)));
            db.end();
            assertEquals(1, asked.size(), "one connection, one token: " + asked);
            // the server drops the session (a reaped container's fate); the reconnect gets a token of its own
            database.server().killSessions(database.user());
            assertEquals(List.of(1), db.query("SELECT 1", rs -> rs.getInt(1)));
            String expected = database.user() + "@" + database.server().host() + ":" + database.server().port();
            assertEquals(List.of(expected, expected), asked);
        } finally {
            db.quit();
        }
    }

    @Test
    void namesEachMissingVariable() {
        for (String name : List.of("DB_URL", "DB_USER", "AWS_REGION")) {
            Map<String, String> environment = lambdaEnvironment();
            environment.remove(name);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> IamAuthTokenCredentials.fromEnvironment(environment::get, Optional.empty()));
            assertTrue(e.getMessage().startsWith(name + " is not set"), e.getMessage());
        }
        Map<String, String> noKeys = lambdaEnvironment();
        noKeys.remove("AWS_SECRET_ACCESS_KEY");
        IamAuthTokenCredentials supplier = IamAuthTokenCredentials.fromEnvironment(noKeys::get, Optional.empty());
        IllegalStateException e = assertThrows(IllegalStateException.class, supplier::get);
        assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY is not set"), e.getMessage());
    }

    @Test
    void refusesAUrlWithoutAHostWithoutEchoingItsParameters() {
        Map<String, String> environment = lambdaEnvironment();
        environment.put("DB_URL", "orders-db:3306?password=s3cret");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IamAuthTokenCredentials.fromEnvironment(environment::get, Optional.empty()));
        assertTrue(e.getMessage().contains("DB_URL must be a JDBC URL"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void takesMysqlsPortWhenTheUrlNamesNone() {
        Map<String, String> environment = lambdaEnvironment();
        environment.put("DB_URL", "jdbc:mysql://" + HOST + "/orders");
        String token = IamAuthTokenCredentials.fromEnvironment(environment::get, Optional.empty()).get().password();
        assertTrue(token.startsWith(HOST + ":3306/?"), token);
    }

    @Test
    void neverShowsTheToken() {
        IamAuthTokenCredentials supplier = new IamAuthTokenCredentials(URL, HOST, 3306, "orders_app", (h, p, u) -> "the-token");
        assertEquals("IamAuthTokenCredentials[orders_app@" + HOST + ":3306]", supplier.toString());
        assertFalse(supplier.get().toString().contains("the-token"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
