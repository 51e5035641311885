package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every builder setting is checked in build(), and a wrong value names the setting and its allowed range. */
@Timeout(10)
class BuilderValidationTest {

    private static final String URL = "jdbc:mysql://127.0.0.1:3306/app";

    private static ServerlessMysqlBuilder valid() {
        return ServerlessMysql.builder().jdbcUrl(URL).user("app").password("s3cret-pw");
    }

    private static String problem(UnaryOperator<ServerlessMysqlBuilder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertFalse(e.getMessage().contains("s3cret-pw"), "the password must not appear: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertProblem(UnaryOperator<ServerlessMysqlBuilder> change, String... fragments) {
        String message = problem(change);
        for (String f : fragments) {
            assertTrue(message.contains(f), "'" + f + "' missing from: " + message);
        }
    }

    @Test
    void validSettingsBuildWithoutConnecting() {
        try (ServerlessMysql db = valid().build()) {
            assertEquals(0, db.stats().connects());
            assertFalse(db.toString().contains("s3cret-pw"));
        }
    }

    @Test
    void connUtilizationMustBeAboveZeroAndAtMostOne() {
        assertProblem(b -> b.connUtilization(0), "connUtilization", "greater than 0 and at most 1", "was 0.0");
        assertProblem(b -> b.connUtilization(1.5), "connUtilization", "was 1.5");
        assertProblem(b -> b.connUtilization(Double.NaN), "connUtilization");
        valid().connUtilization(1).build().quit();
    }

    @Test
    void cacheDurationsMustBeBetweenZeroAndADay() {
        assertProblem(b -> b.maxConnsFreq(Duration.ofMillis(-1)), "maxConnsFreq", "between 0 and 86400 s");
        assertProblem(b -> b.usedConnsFreq(Duration.ofDays(2)), "usedConnsFreq", "between 0 and 86400 s");
        assertProblem(b -> b.maxConnsFreq(null), "maxConnsFreq must not be null");
    }

    @Test
    void zombieTimeoutsMustBeOrderedAndAtLeastOneSecond() {
        assertProblem(b -> b.zombieMinTimeout(Duration.ofMillis(500)), "zombieMinTimeout", "between 1 s and");
        assertProblem(b -> b.zombieMinTimeout(Duration.ofSeconds(60)).zombieMaxTimeout(Duration.ofSeconds(30)),
                "zombieMaxTimeout must be at least zombieMinTimeout");
        assertProblem(b -> b.zombieMaxTimeout(null), "zombieMaxTimeout must not be null");
    }

    @Test
    void countsMustBeInRange() {
        assertProblem(b -> b.maxRetries(-1), "maxRetries must be between 0 and 10000, was -1");
        assertProblem(b -> b.maxQueryRetries(-2), "maxQueryRetries must be between 0 and 1000, was -2");
        assertProblem(b -> b.maxKillsPerEnd(5000), "maxKillsPerEnd must be between 0 and 1000, was 5000");
    }

    @Test
    void deadlinesMustBeInRange() {
        assertProblem(b -> b.retryDeadline(Duration.ZERO), "retryDeadline must be between 1 ms and 900 s");
        assertProblem(b -> b.retryDeadline(Duration.ofMinutes(16)), "retryDeadline");
        assertProblem(b -> b.remainingTimeMargin(Duration.ofMillis(-5)), "remainingTimeMargin");
        assertProblem(b -> b.validateAfterIdle(Duration.ofMillis(-5)), "validateAfterIdle");
    }

    @Test
    void urlUserAndCredentialsAreChecked() {
        assertProblem(b -> b.jdbcUrl(null), "jdbcUrl is required");
        assertProblem(b -> b.jdbcUrl("mysql://host/app"), "jdbcUrl must start with jdbc:");
        assertProblem(b -> b.jdbcUrl("jdbc:aws-wrapper:mysql://host/app"), "not accepted by any JDBC driver",
                "mysql-connector-j");
        assertProblem(b -> b.user(null), "user is required");
        assertProblem(b -> b.credentials(() -> Credentials.of("a", "b")), "credentials and user/password are both set");
        assertProblem(b -> b.listener(null), "listener must not be null");
        String message = problem(b -> b.jdbcUrl("jdbc:nosuchdb://app:urlpw@host/app?password=urlpw2"));
        assertFalse(message.contains("urlpw"), message);
        message = problem(b -> b.jdbcUrl("jdbc:aws-wrapper:mysql://app:urlpw@host/app?password=urlpw2"));
        assertFalse(message.contains("urlpw"), message);
    }

    @Test
    void malformedUrlsAreRefusedAtBuildInsteadOfRetriedAtConnect() {
        assertProblem(b -> b.jdbcUrl("jdbc:mysql://127.0.0.1:notaport/app"), "is malformed", "notaport");
        assertProblem(b -> b.jdbcUrl("jdbc:mariadb://127.0.0.1:notaport/app"), "is malformed", "notaport");
        assertProblem(b -> b.jdbcUrl("jdbc:mysql://127.0.0.1:3306/app?sslMode=nonsense"), "is malformed", "sslMode");
        assertProblem(b -> b.jdbcUrl("jdbc:mariadb://127.0.0.1:3306/app?sslMode=nonsense"), "is malformed", "nonsense");
        String message = problem(b -> b.jdbcUrl("jdbc:mysql://app:urlpw9@127.0.0.1:notaport/app?password=urlpw9"));
        assertFalse(message.contains("urlpw9"), message);
        valid().jdbcUrl("jdbc:mariadb://127.0.0.1:3306/app?sslMode=trust").build().quit();
        valid().jdbcUrl("jdbc:mysql://127.0.0.1:3306/app?sslMode=REQUIRED").build().quit();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = problem(b -> b.connUtilization(2).maxRetries(-1).maxKillsPerEnd(-1));
        assertTrue(message.contains("connUtilization") && message.contains("maxRetries")
                && message.contains("maxKillsPerEnd"), message);
    }

    @Test
    void environmentVariablesConfigureTheClient() {
        Map<String, String> env = Map.of("DB_URL", URL, "DB_USER", "app", "DB_PASSWORD", "envpw");
        try (ServerlessMysql db = ServerlessMysql.builder().fromEnvironment(env::get).build()) {
            assertNotNull(db);
            assertFalse(db.toString().contains("envpw"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerlessMysql.builder().fromEnvironment(Map.of("DB_USER", "app")::get).build());
        assertTrue(e.getMessage().contains("DB_URL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ServerlessMysql.builder().fromEnvironment(Map.of("DB_URL", URL)::get).build());
        assertTrue(e.getMessage().contains("DB_USER"), e.getMessage());
    }

    @Test
    void credentialsSupplierAloneIsEnough() {
        valid().user(null).password(null).credentials(() -> Credentials.of("app", "token")).build().quit();
        assertEquals("Credentials[user=app, password=****]", Credentials.of("app", "token").toString());
    }

    @Test
    void transactionOptionsCheckTheirRetries() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransactionOptions.defaults().retryOnDeadlock(-1));
        assertTrue(e.getMessage().contains("retryOnDeadlock must be between 0 and 1000"), e.getMessage());
        TransactionOptions readOnly = TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED).readOnly(true);
        assertEquals("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", readOnly.isolationSql());
        assertEquals("START TRANSACTION READ ONLY", readOnly.startSql());
        assertEquals(null, TransactionOptions.defaults().retryOnDeadlock(3).isolationSql(), "no level asked: none sent");
        assertEquals("START TRANSACTION", TransactionOptions.defaults().startSql());
    }

    @Test
    void aClosedClientRefusesWork() {
        ServerlessMysql db = valid().build();
        db.quit();
        db.quit();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.query("SELECT 1"));
        assertTrue(e.getMessage().contains("quit()"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> db.query(null));
        assertThrows(IllegalArgumentException.class, () -> db.update("  "));
    }

    @Test
    void urlsOfOtherDatabasesAreRejectedWithTheFix() {
        for (String url : new String[] {"jdbc:h2:mem:test", "jdbc:postgresql://h/db", "jdbc:sqlite:x.db",
            "jdbc:mysqlx://h/db"}) {
            String message = problem(b -> b.jdbcUrl(url));
            assertTrue(message.contains("is not a MySQL URL") && message.contains("jdbc:mysql://"), message);
            assertTrue(message.contains("@MySqlTest"), "names the way to test without a server: " + message);
        }
        valid().jdbcUrl("jdbc:mariadb://127.0.0.1:3306/app").build().quit();
    }

    @Test
    void timeoutsMustBeSensible() {
        assertProblem(b -> b.networkTimeout(Duration.ofMillis(10)), "networkTimeout", "between 100 ms and 900 s");
        assertProblem(b -> b.connectTimeout(Duration.ZERO), "connectTimeout", "between 100 ms and 900 s");
        assertProblem(b -> b.networkTimeout(null), "networkTimeout must not be null");
        valid().networkTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2)).requireWriter(false).build()
                .quit();
    }
}
