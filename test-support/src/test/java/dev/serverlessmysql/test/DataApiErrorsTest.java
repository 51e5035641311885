package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.SdkClients.longValue;
import static dev.serverlessmysql.test.SdkClients.param;
import static dev.serverlessmysql.test.SdkClients.run;
import static dev.serverlessmysql.test.SdkClients.statement;
import static dev.serverlessmysql.test.SdkClients.stringValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.ArrayValue;
import software.amazon.awssdk.services.rdsdata.model.BadRequestException;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.BeginTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.DatabaseErrorException;
import software.amazon.awssdk.services.rdsdata.model.DatabaseResumingException;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.NotFoundException;
import software.amazon.awssdk.services.rdsdata.model.RdsDataException;
import software.amazon.awssdk.services.rdsdata.model.SecretsErrorException;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.StatementTimeoutException;

/** Errors, limits and fault switches of the local Data API, as the plain AWS SDK sees them. */
@MySqlTest(dataApi = true)
@Timeout(90)
class DataApiErrorsTest {

    private static RdsDataClient client;
    private final DataApiEndpoint endpoint;
    private final MySqlDatabase db;

    DataApiErrorsTest(DataApiEndpoint endpoint, MySqlDatabase db) {
        this.endpoint = endpoint;
        this.db = db;
    }

    @BeforeAll
    static void connect(DataApiEndpoint endpoint) {
        client = SdkClients.noRetries(endpoint);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void table() {
        endpoint.statementTimeout(Duration.ofSeconds(45));
        run(client, endpoint, "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, b LONGBLOB)");
        run(client, endpoint, "DELETE FROM t");
    }

    @Test
    void sqlErrorsAreDatabaseErrorExceptionsWithTheMysqlCodeAndMessage() {
        DatabaseErrorException missing = assertThrows(DatabaseErrorException.class,
                () -> run(client, endpoint, "SELECT * FROM no_such_table"));
        assertEquals(400, missing.statusCode());
        assertEquals("DatabaseErrorException", missing.awsErrorDetails().errorCode());
        assertTrue(missing.awsErrorDetails().errorMessage().startsWith("Database error code: 1146. Message: "),
                missing.awsErrorDetails().errorMessage());
        assertTrue(missing.awsErrorDetails().errorMessage().contains("no_such_table"));
        assertNotNull(missing.requestId());

        DatabaseErrorException syntax = assertThrows(DatabaseErrorException.class, () -> run(client, endpoint, "SELEKT 1"));
        assertTrue(syntax.getMessage().contains("Database error code: 1064"), syntax.getMessage());
        run(client, endpoint, "INSERT INTO t (id) VALUES (1)");
        DatabaseErrorException dup = assertThrows(DatabaseErrorException.class,
                () -> run(client, endpoint, "INSERT INTO t (id) VALUES (:id)", param("id", longValue(1))));
        assertTrue(dup.getMessage().contains("Database error code: 1062. Message: Duplicate entry"), dup.getMessage());
        DatabaseErrorException denied = assertThrows(DatabaseErrorException.class,
                () -> client.executeStatement(statement(endpoint, "SELECT 1").database("mysql").build()));
        assertTrue(denied.getMessage().contains("Database error code: 1044"), denied.getMessage());
        DatabaseErrorException begin = assertThrows(DatabaseErrorException.class, () -> client.beginTransaction(
                BeginTransactionRequest.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                        .database("no_such_database").build()));
        assertTrue(begin.getMessage().contains("Database error code: 10"), begin.getMessage());
    }

    @Test
    void malformedRequestsAreBadRequestsThatSayWhatIsWrong() {
        BadRequestException noValue = assertThrows(BadRequestException.class,
                () -> run(client, endpoint, "SELECT :a + :b", param("a", longValue(1))));
        assertEquals(400, noValue.statusCode());
        assertTrue(noValue.getMessage().contains("No value specified for parameter: b"), noValue.getMessage());
        BadRequestException array = assertThrows(BadRequestException.class, () -> run(client, endpoint, "SELECT :a",
                param("a", Field.builder().arrayValue(ArrayValue.builder().longValues(1L, 2L).build()).build())));
        assertTrue(array.getMessage().contains("Array parameters are not supported"), array.getMessage());
        BadRequestException hint = assertThrows(BadRequestException.class,
                () -> run(client, endpoint, "SELECT :d", param("d", stringValue("29.02.2024"), "DATE")));
        assertTrue(hint.getMessage().contains("YYYY-MM-DD"), hint.getMessage());
        BadRequestException hintOnLong = assertThrows(BadRequestException.class,
                () -> run(client, endpoint, "SELECT :d", param("d", longValue(1), "DECIMAL")));
        assertTrue(hintOnLong.getMessage().contains("applies to a stringValue"), hintOnLong.getMessage());
        BadRequestException twice = assertThrows(BadRequestException.class, () -> run(client, endpoint, "SELECT :a",
                param("a", longValue(1)), param("a", longValue(2))));
        assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
        BadRequestException tooLong = assertThrows(BadRequestException.class,
                () -> run(client, endpoint, "SELECT 1 /*" + "x".repeat(65_536) + "*/"));
        assertTrue(tooLong.getMessage().contains("length less than or equal to 65536"), tooLong.getMessage());
        BadRequestException schema = assertThrows(BadRequestException.class,
                () -> client.executeStatement(statement(endpoint, "SELECT 1").schema("public").build()));
        assertTrue(schema.getMessage().contains("schema"), schema.getMessage());
    }

    @Test
    void anotherClusterIsNotFoundAndAnotherSecretIsASecretsError() {
        NotFoundException cluster = assertThrows(NotFoundException.class, () -> client.executeStatement(
                statement(endpoint, "SELECT 1").resourceArn("arn:aws:rds:us-east-1:123456789012:cluster:other").build()));
        assertEquals(404, cluster.statusCode());
        assertTrue(cluster.getMessage().contains(endpoint.resourceArn()), cluster.getMessage());
        SecretsErrorException secret = assertThrows(SecretsErrorException.class, () -> client.executeStatement(
                statement(endpoint, "SELECT 1").secretArn("arn:aws:secretsmanager:us-east-1:123456789012:secret:x").build()));
        assertEquals(400, secret.statusCode());
        BadRequestException shortArn = assertThrows(BadRequestException.class, () -> client.executeStatement(
                statement(endpoint, "SELECT 1").resourceArn("arn").build()));
        assertTrue(shortArn.getMessage().contains("greater than or equal to 11"), shortArn.getMessage());
    }

    @Test
    void requestsMustBeSignedForTheClustersRegion() throws Exception {
        HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(endpoint.uri() + "/Execute")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
        assertEquals("ForbiddenException", unsigned.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(unsigned.body().contains("Missing Authentication Token"), unsigned.body());

        try (RdsDataClient elsewhere = RdsDataClient.builder().endpointOverride(endpoint.uri()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> run(elsewhere, endpoint, "SELECT 1"));
            assertTrue(e.getMessage().contains("us-east-1"), e.getMessage());
        }
    }

    @Test
    void theDocumentedSizeLimitsAreEnforced() {
        byte[] chunk = new byte[60_000];
        for (int i = 0; i < 20; i++) {
            run(client, endpoint, "INSERT INTO t (id, b) VALUES (:id, :b)", param("id", longValue(i)),
                    param("b", Field.builder().blobValue(software.amazon.awssdk.core.SdkBytes.fromByteArray(chunk)).build()));
        }
        assertEquals(20L, run(client, endpoint, "SELECT COUNT(*) FROM t").records().get(0).get(0).longValue());
        BadRequestException whole = assertThrows(BadRequestException.class, () -> run(client, endpoint, "SELECT b FROM t"));
        assertTrue(whole.getMessage().contains("Database response exceeded size limit"), whole.getMessage());
        assertEquals(10, run(client, endpoint, "SELECT b FROM t LIMIT 10").records().size(), "under 1 MiB is fine");

        BadRequestException row = assertThrows(BadRequestException.class,
                () -> run(client, endpoint, "SELECT b, b AS again FROM t WHERE id = 1"));
        assertTrue(row.getMessage().contains("Packet for query is too large"), row.getMessage());

        List<List<SqlParameter>> sets = new ArrayList<>();
        String big = "x".repeat(1000);
        for (int i = 0; i < 5000; i++) {
            sets.add(List.of(param("id", longValue(1000 + i)), param("s", stringValue(big))));
        }
        BadRequestException request = assertThrows(BadRequestException.class, () -> client.batchExecuteStatement(
                BatchExecuteStatementRequest.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                        .sql("INSERT INTO t (id) VALUES (:id)").parameterSets(sets).build()));
        assertTrue(request.getMessage().contains("4 MiB"), request.getMessage());
        assertEquals(20L, run(client, endpoint, "SELECT COUNT(*) FROM t").records().get(0).get(0).longValue(),
                "a request over the limit is not processed");
    }

    @Test
    void aPausedClusterAnswersDatabaseResumingExceptionOutsideTransactions() {
        endpoint.pauseForCalls(2);
        DatabaseResumingException first = assertThrows(DatabaseResumingException.class, () -> run(client, endpoint, "SELECT 1"));
        assertEquals(400, first.statusCode());
        assertTrue(first.getMessage().contains("resuming"), first.getMessage());
        assertThrows(DatabaseResumingException.class, () -> client.beginTransaction(BeginTransactionRequest.builder()
                .resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn()).build()));
        assertEquals(1L, run(client, endpoint, "SELECT 1").records().get(0).get(0).longValue(), "resumed");

        endpoint.pause(Duration.ofMillis(300));
        assertThrows(DatabaseResumingException.class, () -> run(client, endpoint, "SELECT 1"));
        Await.until("the cluster resumed", Duration.ofSeconds(20), () -> {
            try {
                return run(client, endpoint, "SELECT 1").records().size() == 1;
            } catch (DatabaseResumingException stillResuming) {
                return false;
            }
        });
    }

    @Test
    void throttlingIsRecognisedAndRetriedByTheSdksOwnRetryStrategy() {
        endpoint.throttle(1);
        RdsDataException e = assertThrows(RdsDataException.class, () -> run(client, endpoint, "SELECT 1"));
        assertTrue(e.isThrottlingException(), e.toString());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());

        try (RdsDataClient retrying = SdkClients.defaults(endpoint)) {
            endpoint.throttle(1);
            long before = endpoint.calls("ExecuteStatement");
            assertEquals(1L, run(retrying, endpoint, "SELECT 1").records().get(0).get(0).longValue());
            assertEquals(before + 2, endpoint.calls("ExecuteStatement"), "one throttled call, one retry");
        }
    }

    @Test
    void aStatementPastTheTimeoutIsStoppedUnlessAskedToContinue() throws Exception {
        endpoint.statementTimeout(Duration.ofMillis(500));
        StatementTimeoutException stopped = assertThrows(StatementTimeoutException.class,
                () -> run(client, endpoint, "INSERT INTO t (id) SELECT 1 FROM (SELECT SLEEP(5)) s"));
        assertEquals(400, stopped.statusCode());
        assertNotNull(stopped.dbConnectionId());
        assertEquals(0, rows(), "the stopped statement wrote nothing");

        StatementTimeoutException continued = assertThrows(StatementTimeoutException.class, () -> client.executeStatement(
                statement(endpoint, "INSERT INTO t (id) SELECT 2 FROM (SELECT SLEEP(1.5)) s").continueAfterTimeout(true).build()));
        assertNotNull(continued.dbConnectionId());
        Await.until("the statement that continued after the timeout committed", Duration.ofSeconds(20), () -> rows() == 1);
    }

    private long rows() {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServiceErrorCarriesTheStatusTheServiceModelGivesIt() {
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> run(client, endpoint, "SELECT * FROM no_such_table"));
        assertEquals(400, e.statusCode());
        assertTrue(e instanceof DatabaseErrorException, e.getClass().getName());
    }
}
