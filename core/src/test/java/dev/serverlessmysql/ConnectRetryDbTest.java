package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting while the server has no room, and errors that must never be retried; none of it may hang. */
@MySqlTest(serverVariables = {"max_connections=10"})
@Timeout(60)
class ConnectRetryDbTest {

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    ConnectRetryDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @AfterEach
    void release() {
        TestDb.closeAll(held);
    }

    private void fillServer() {
        held.addAll(TestDb.fill(db, 50));
        assertTrue(held.size() >= 5 && held.size() <= 10, "filled with " + held.size());
    }

    @Test
    void retriesWhileTheServerIsFullAndConnectsOnceRoomFreesUp() throws Exception {
        fillServer();
        try (ServerlessMysql client = TestDb.client(db).maxRetries(10_000).listener(listener).build()) {
            CompletableFuture<Long> id = CompletableFuture.supplyAsync(() -> TestDb.connectionId(client));
            TestDb.await("three connect retries", Duration.ofSeconds(10), () -> listener.count("retry") >= 3);
            assertFalse(id.isDone());
            held.remove(0).close();
            assertTrue(id.get(10, TimeUnit.SECONDS) > 0);
            assertTrue(client.stats().connectRetries() >= 3, client.stats().toString());
            assertEquals(1, client.stats().connects());
            assertTrue(listener.events.contains("retry 1 1040"), listener.events.toString());
            assertEquals(0, listener.count("connectError"));
        }
    }

    @Test
    void givesUpAfterMaxRetriesWithTheDriversCodesAndRetriesAfreshNextTime() throws Exception {
        fillServer();
        try (ServerlessMysql client = TestDb.client(db).maxRetries(5).listener(listener).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertEquals(1040, e.getErrorCode());
            assertEquals(1040, e.getSQLException().getErrorCode());
            assertTrue(e.getMessage().contains("6 attempts") && e.getMessage().contains("maxRetries (5) ran out"),
                    e.getMessage());
            assertEquals(5, client.stats().connectRetries());
            assertEquals(1, listener.count("connectError 1040"));

            // every operation has its own attempt counter: the next one retries again, and gets through
            CompletableFuture<List<?>> next = CompletableFuture.supplyAsync(() -> client.query("SELECT 1"));
            TestDb.await("a new round of retries", Duration.ofSeconds(10), () -> client.stats().connectRetries() >= 7);
            held.remove(0).close();
            assertEquals(1, next.get(10, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void theRetryDeadlineBoundsAnOperation() {
        fillServer();
        try (ServerlessMysql client = TestDb.client(db).maxRetries(10_000).retryDeadline(Duration.ofMillis(400))
                .build()) {
            long start = System.nanoTime();
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1040, e.getErrorCode());
            assertTrue(e.getMessage().contains("the retry deadline would pass"), e.getMessage());
            assertTrue(ms >= 250 && ms < 3000, "gave up after " + ms + " ms");
        }
    }

    @Test
    void theInvocationsRemainingTimeShortensTheDeadline() {
        fillServer();
        try (ServerlessMysql client = TestDb.client(db).maxRetries(10_000).remainingTimeMargin(Duration.ofMillis(500))
                .build()) {
            client.remainingTime(() -> 800);
            long start = System.nanoTime();
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("the invocation's remaining time would pass"), e.getMessage());
            assertTrue(ms < 2000, "gave up after " + ms + " ms");
            client.end();
            client.remainingTime(Duration.ofMillis(600));
            e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertTrue(e.getMessage().contains("remaining time"), e.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsNeverRetried() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).user(db.user())
                .password("wrong-password-123").driver(driver).maxRetries(10_000).listener(listener).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertEquals(1045, e.getErrorCode());
            assertEquals("28000", e.getSQLState());
            assertEquals(0, client.stats().connectRetries());
            assertTrue(e.getMessage().contains("1 attempt") && e.getMessage().contains("not retryable"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password-123"));
            assertEquals(List.of("connectError 1045", "error 1045"), listener.events);
            assertEquals(1, driver.connectAttempts.get(), "one attempt reached the server");
            assertThrows(ServerlessMysqlException.class, () -> client.update("DELETE FROM nothing"));
            assertThrows(ServerlessMysqlException.class, () -> client.transaction(tx -> 1));
            assertEquals(3, driver.connectAttempts.get(), "no retry storm: one attempt per operation");
        }
    }

    @Test
    void aMissingDatabaseIsNotRetried() {
        String url = TestDb.url(db).replace("/" + db.name(), "/no_such_database");
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(url).user(db.user()).password(db.password())
                .build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertTrue(e.getErrorCode() == 1044 || e.getErrorCode() == 1049, e.getMessage());
            assertEquals(0, client.stats().connectRetries());
        }
    }

    @Test
    void aRefusedPortIsRetriedOnlyUntilTheDeadline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:" + TestDb.driver() + "://127.0.0.1:" + port + "/app";
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(url).user("app").password("pw")
                .retryDeadline(Duration.ofMillis(500)).build()) {
            long start = System.nanoTime();
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
            assertTrue(client.stats().connectRetries() > 0);
            assertTrue(ms < 5000, "gave up after " + ms + " ms");
        }
    }

    @Test
    void anUnknownHostIsRetriedOnlyWithinTheDeadlineAndSaysSo() {
        String url = "jdbc:" + TestDb.driver() + "://no-such-host.invalid:3306/app";
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(url).user("app").password("pw")
                .retryDeadline(Duration.ofSeconds(1)).build()) {
            long start = System.nanoTime();
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            // a bound, not a speed measurement: the retry deadline is 1 s, and 2 s more cover the JVM's own work
            assertTrue(ms < 3000, "gave up after " + ms + " ms");
            assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
            assertTrue(client.stats().connectRetries() > 0, "a failed lookup may be DNS throttling: retried");
            assertTrue(e.getMessage().contains("no-such-host.invalid") && e.getMessage().contains("could not be"
                    + " resolved"), e.getMessage());
        }
    }

    @Test
    void aRefusalMakesTheSupplierGiveFreshCredentialsOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger refreshes = new AtomicInteger();
        CredentialsSupplier cachedToken = CredentialsSupplier.of(() -> {
            calls.incrementAndGet();
            return Credentials.of(db.user(), "stale-token");
        }, () -> {
            refreshes.incrementAndGet();
            return Credentials.of(db.user(), db.password());
        });
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).credentials(cachedToken)
                .build()) {
            long id = TestDb.connectionId(client);
            assertEquals(1, calls.get(), "asked once for the connect");
            assertEquals(1, refreshes.get(), "and once more, for fresh credentials, after the refusal");
            TestDb.connectionId(client);
            assertEquals(1, calls.get(), "not asked again while the connection lives");
            TestDb.kill(db, id);
            client.end();
            TestDb.connectionId(client);
            assertEquals(2, calls.get());
            assertEquals(2, refreshes.get());
        }
        AtomicInteger plain = new AtomicInteger();
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db))
                .credentials(() -> Credentials.of(db.user(), plain.incrementAndGet() == 1 ? "stale" : db.password()))
                .build()) {
            TestDb.connectionId(client);
            assertEquals(2, plain.get(), "a plain supplier is simply asked again");
        }
    }

    @Test
    void theSupplierIsAskedOncePerConnectNotOncePerAttempt() throws Exception {
        fillServer();
        AtomicInteger calls = new AtomicInteger();
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).maxRetries(10_000)
                .credentials(() -> {
                    calls.incrementAndGet();
                    return Credentials.of(db.user(), db.password());
                }).listener(listener).build()) {
            CompletableFuture<Long> id = CompletableFuture.supplyAsync(() -> TestDb.connectionId(client));
            TestDb.await("five connect retries", Duration.ofSeconds(10), () -> listener.count("retry") >= 5);
            held.remove(0).close();
            assertTrue(id.get(10, TimeUnit.SECONDS) > 0);
            assertEquals(1, calls.get(), "one connect, many attempts, one call");
        }
    }

    @Test
    void aWrongPasswordThatStaysWrongFailsAfterOneFreshTry() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).driver(driver)
                .credentials(() -> Credentials.of(db.user(), "wrong-password-456")).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertEquals(1045, e.getErrorCode());
            assertEquals(2, driver.connectAttempts.get(), "the first try and the one with fresh credentials");
            assertTrue(e.getMessage().contains("fresh credentials"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password-456"));
        }
    }

    @Test
    void aFailingCredentialsSupplierIsReportedClearly() {
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).credentials(() -> {
            throw new IllegalStateException("secrets manager unreachable");
        }).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
            assertTrue(e.getMessage().contains("credentials supplier failed"), e.getMessage());
            assertEquals("secrets manager unreachable", e.getCause().getMessage());
        }
    }
}
