package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.Backoff;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.MySqlTest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A paused cluster, throttling, timeouts and lost answers: what is retried, what never is, and within what time. */
@MySqlTest(dataApi = true)
@Timeout(90)
class DataApiResilienceTest {

    private final DataApiEndpoint endpoint;
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private DataApiClient client;

    DataApiResilienceTest(DataApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A backoff that records its delays and waits little, so tests count retries rather than wait for them. */
    private Backoff recording(Duration each) {
        return (attempt, previous) -> {
            delays.add(each);
            return each;
        };
    }

    @BeforeEach
    void setUp() {
        client = LocalEndpoint.client(endpoint).backoff(recording(Duration.ofMillis(5))).build();
        client.update("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
        client.update("DELETE FROM t");
        delays.clear();
        endpoint.statementTimeout(Duration.ofSeconds(45));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aResumingClusterIsRetriedUntilItAnswers() {
        endpoint.pauseForCalls(3);
        long before = endpoint.calls("ExecuteStatement");
        assertEquals(1, client.update("INSERT INTO t (id) VALUES (1)").count(), "a write is retried too: it never ran");
        assertEquals(before + 4, endpoint.calls("ExecuteStatement"));
        assertEquals(3, client.stats().retries());
        assertEquals(3, delays.size());

        endpoint.pauseForCalls(2);
        assertEquals(5, (int) client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (2)");
            return 5;
        }), "BeginTransaction is retried while the cluster resumes");
        assertEquals(2L, client.query("SELECT COUNT(*) AS n FROM t").get(0).get("n"));
    }

    @Test
    void theDefaultBackoffWaitsOutARealResume() {
        try (DataApiClient defaults = LocalEndpoint.client(endpoint).build()) {
            endpoint.pause(Duration.ofMillis(800));
            assertEquals(1, defaults.query("SELECT 1 AS one").get(0).get("one"));
            assertTrue(defaults.stats().retries() >= 1, defaults.stats().toString());
        }
    }

    @Test
    void retryingStopsAtTheRetryDeadlineAndSaysSo() {
        try (DataApiClient impatient = LocalEndpoint.client(endpoint).retryDeadline(Duration.ofMillis(300))
                .backoff(Backoff.fixed(Duration.ofMillis(100))).build()) {
            endpoint.pause(Duration.ofMinutes(5));
            DataApiException e = assertThrows(DataApiException.class, () -> impatient.query("SELECT 1"));
            assertEquals("DatabaseResumingException", e.errorType());
            assertTrue(e.getMessage().contains("the retry deadline would pass"), e.getMessage());
            assertFalse(e.outcomeUnknown());
            assertTrue(impatient.stats().retries() >= 1 && impatient.stats().retries() <= 3, impatient.stats().toString());
        }
    }

    @Test
    void retryingNeverOutlivesTheInvocationsRemainingTime() {
        try (DataApiClient lambda = LocalEndpoint.client(endpoint).remainingTimeMargin(Duration.ofMillis(100))
                .backoff(Backoff.fixed(Duration.ofMillis(100))).build()) {
            endpoint.pause(Duration.ofMinutes(5));
            lambda.remainingTime(Duration.ofMillis(450));
            DataApiException e = assertThrows(DataApiException.class, () -> lambda.query("SELECT 1"));
            assertTrue(e.getMessage().contains("the invocation's remaining time would pass"), e.getMessage());
            assertTrue(lambda.stats().retries() <= 3, lambda.stats().toString());

            lambda.remainingTime(Duration.ZERO);
            long calls = endpoint.calls();
            DataApiException none = assertThrows(DataApiException.class, () -> lambda.update("INSERT INTO t (id) VALUES (9)"));
            assertTrue(none.getMessage().contains("was not sent"), none.getMessage());
            assertFalse(none.outcomeUnknown());
            assertEquals(calls, endpoint.calls(), "with no time left nothing is sent");
            lambda.end();
            endpoint.pause(Duration.ZERO);
            assertEquals(1, lambda.update("INSERT INTO t (id) VALUES (9)").count(), "end() forgets the invocation's time");
        }
    }

    @Test
    void throttlingIsRetried() {
        endpoint.throttle(2);
        assertEquals(1, client.query("SELECT 1 AS one").get(0).get("one"));
        assertEquals(2, client.stats().retries());
        endpoint.throttle(1);
        assertEquals(3, (int) client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (3)");
            return 3;
        }), "a throttled call inside a transaction never ran, so it is re-sent");
    }

    @Test
    void aStatementTimeoutIsNeverRetriedAndAWriteSaysItsOutcomeIsUnknown() {
        endpoint.statementTimeout(Duration.ofMillis(300));
        long calls = endpoint.calls("ExecuteStatement");
        DataApiException write = assertThrows(DataApiException.class, () -> client.update(
                "INSERT INTO t (id) SELECT 1 FROM (SELECT SLEEP(3)) s"));
        assertEquals("StatementTimeoutException", write.errorType());
        assertTrue(write.outcomeUnknown());
        assertTrue(write.getMessage().contains("may or may not have been applied"), write.getMessage());
        DataApiException read = assertThrows(DataApiException.class, () -> client.query("SELECT SLEEP(3)"));
        assertFalse(read.outcomeUnknown(), "a read changes nothing");
        assertEquals(calls + 2, endpoint.calls("ExecuteStatement"), "neither was re-sent");
        assertEquals(0, client.stats().retries());
    }

    @Test
    void aCallCutOffByTheInvocationsTimeIsAnUnknownOutcomeForAWrite() {
        client.remainingTime(Duration.ofMillis(1200));
        DataApiException e = assertThrows(DataApiException.class, () -> client.update(
                "INSERT INTO t (id) SELECT 7 FROM (SELECT SLEEP(2)) s"));
        assertTrue(e.outcomeUnknown(), e.getMessage());
        assertEquals(0, client.stats().retries());
        client.end();
    }

    @Test
    void aRefusedConnectionIsRetriedAndALostAnswerOnlyForReads() throws Exception {
        URI nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        try (DataApiClient offline = DataApiClient.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                .endpoint(nowhere).credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .retryDeadline(Duration.ofMillis(200)).backoff(Backoff.fixed(Duration.ofMillis(20))).build()) {
            DataApiException e = assertThrows(DataApiException.class, () -> offline.update("INSERT INTO t (id) VALUES (1)"));
            assertFalse(e.outcomeUnknown(), "a refused connection sent nothing");
            assertTrue(offline.stats().retries() >= 1, offline.stats().toString());
        }
    }

    @Test
    void aDeadlineMessageNamesTheStatement() {
        try (DataApiClient impatient = LocalEndpoint.client(endpoint).retryDeadline(Duration.ofMillis(50))
                .backoff(Backoff.fixed(Duration.ofMillis(100))).build()) {
            endpoint.pauseForCalls(5);
            DataApiException e = assertThrows(DataApiException.class,
                    () -> impatient.query("SELECT id FROM t WHERE id = :id", Map.of("id", 1)));
            assertTrue(e.getMessage().contains("Statement: SELECT id FROM t WHERE id = :id"), e.getMessage());
        }
    }
}
