package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.DatabaseUser;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS settings in the JDBC URL reach the driver unchanged. The server has TLS on (test-support gives it a certificate
 * on every engine) and the account requires it; the test-support administrator still connects in plain text, which a
 * server-wide {@code require_secure_transport} would refuse.
 */
@MySqlTest(serverVariables = {"ssl=ON"})
@Timeout(120)
class TlsDbTest {

    private final MySqlDatabase db;

    TlsDbTest(MySqlDatabase db) {
        this.db = db;
    }

    private String url(String parameter) {
        String base = TestDb.url(db);
        return base + (base.contains("?") ? "&" : "?") + parameter;
    }

    private boolean connectorJ() {
        return TestDb.driver().equals("mysql");
    }

    @Test
    void aClientWithTlsInItsUrlConnectsToAnAccountThatRequiresIt() throws Exception {
        DatabaseUser secure = db.createUser();
        TestDb.admin(db, "ALTER USER '" + secure.name() + "'@'%' REQUIRE SSL");
        String tls = url(connectorJ() ? "sslMode=REQUIRED" : "sslMode=trust");
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(tls).user(secure.name())
                .password(secure.password()).build()) {
            Object cipher = client.query("SHOW STATUS LIKE 'Ssl_cipher'").get(0).get("Value");
            assertTrue(cipher != null && !cipher.toString().isBlank(), "the session is encrypted: '" + cipher + "'");
            assertTrue(client.toString().contains("sslMode"), "the URL is shown as given: " + client);
        }
    }

    @Test
    void aClientWithoutTlsIsRefusedAtOnce() throws Exception {
        DatabaseUser secure = db.createUser();
        TestDb.admin(db, "ALTER USER '" + secure.name() + "'@'%' REQUIRE SSL");
        String plain = url(connectorJ() ? "sslMode=DISABLED" : "sslMode=disable");
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(plain).user(secure.name())
                .password(secure.password()).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertEquals(1045, e.getErrorCode(), e.getMessage());
            assertEquals(0, client.stats().connectRetries(), "an account refusal is never retried");
            assertFalse(e.getMessage().contains(secure.password()), e.getMessage());
        }
    }
}
