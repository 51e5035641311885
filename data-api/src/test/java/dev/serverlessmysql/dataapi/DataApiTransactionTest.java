package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.ServerlessMysqlException;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.MySqlTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The core client's transaction tests, over the Data API. */
@MySqlTest(dataApi = true)
@Timeout(60)
class DataApiTransactionTest {

    private static final String FAKE_DEADLOCK = "CALL fake_deadlock()";

    private final DataApiEndpoint endpoint;
    private DataApiClient client;

    DataApiTransactionTest(DataApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @BeforeEach
    void setUp() {
        client = LocalEndpoint.client(endpoint).build();
        client.update("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, v INT NOT NULL DEFAULT 0)");
        client.update("DELETE FROM t");
        client.update("DROP PROCEDURE IF EXISTS fake_deadlock");
        // the server's own deadlock error, raised on demand: same vendor code as the real thing
        client.update("CREATE PROCEDURE fake_deadlock() SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213,"
                + " MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction'");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private long rows() {
        return (Long) client.query("SELECT COUNT(*) AS n FROM t").get(0).get("n");
    }

    @Test
    void commitsWhenTheCallbackReturns() {
        long n = client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (:id)", Map.of("id", 1));
            tx.update("INSERT INTO t (id) VALUES (:id)", Map.of("id", 2));
            assertEquals(0, countOutside(), "not visible outside the transaction");
            return (Long) tx.query("SELECT COUNT(*) AS n FROM t").get(0).get("n");
        });
        assertEquals(2, n);
        assertEquals(2, rows());
        assertEquals(1, client.stats().commits());
        assertEquals(0, endpoint.openTransactions());
    }

    private long countOutside() {
        try (DataApiClient other = LocalEndpoint.client(endpoint).build()) {
            return (Long) other.query("SELECT COUNT(*) AS n FROM t").get(0).get("n");
        }
    }

    @Test
    void anyExceptionRollsBack() {
        IllegalStateException runtime = new IllegalStateException("boom");
        assertSame(runtime, assertThrows(IllegalStateException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (1)");
            throw runtime;
        })));
        ServerlessMysqlException checked = assertThrows(ServerlessMysqlException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (1)");
            throw new Exception("checked");
        }));
        assertEquals("checked", checked.getCause().getMessage());
        DataApiException sql = assertThrows(DataApiException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (1)");
            return tx.update("INSERT INTO t (id) VALUES (1)");
        }));
        assertEquals(1062, sql.getErrorCode());
        assertEquals(0, rows());
        assertEquals(3, client.stats().rollbacks());
        assertEquals(0, endpoint.openTransactions());
        assertEquals(1, client.update("INSERT INTO t (id) VALUES (1)").count());
    }

    @Test
    void aCallbackThatSwallowsAnErrorCannotCommitWhatFollows() {
        DataApiException e = assertThrows(DataApiException.class, () -> client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (1)");
            try {
                tx.update(FAKE_DEADLOCK);
            } catch (DataApiException ignored) {
                // the service has aborted the transaction; going on would commit half of it
            }
            tx.update("INSERT INTO t (id) VALUES (2)");
            return null;
        }));
        assertTrue(e.getMessage().contains("nothing of it was committed"), e.getMessage());
        assertFalse(e.outcomeUnknown());
        assertEquals(0, rows());
    }

    @Test
    void aDeadlockIsNeverRetriedInsideATransactionAndOnlyOnRequestOutside() {
        AtomicInteger attempts = new AtomicInteger();
        DataApiException inside = assertThrows(DataApiException.class, () -> client.transaction(tx -> {
            attempts.incrementAndGet();
            return tx.update(FAKE_DEADLOCK);
        }));
        assertEquals(1213, inside.getErrorCode());
        assertEquals(1, attempts.get());
        assertEquals(0, client.stats().retries());

        assertEquals(1213, assertThrows(DataApiException.class, () -> client.update(FAKE_DEADLOCK)).getErrorCode());
        assertEquals(0, client.stats().retries(), "maxQueryRetries defaults to 0");
        try (DataApiClient retrying = LocalEndpoint.client(endpoint).maxQueryRetries(2)
                .backoff((attempt, previous) -> java.time.Duration.ofMillis(1)).build()) {
            DataApiException e = assertThrows(DataApiException.class, () -> retrying.update(FAKE_DEADLOCK));
            assertTrue(e.getMessage().contains("after 2 retries"), e.getMessage());
            assertEquals(2, retrying.stats().retries());
        }
    }

    @Test
    void statementsOfTheClientInsideTheCallbackJoinTheTransaction() {
        assertThrows(IllegalStateException.class, () -> client.transaction(tx -> {
            client.update("INSERT INTO t (id) VALUES (1)");
            assertEquals(1L, client.query("SELECT COUNT(*) AS n FROM t").get(0).get("n"));
            throw new IllegalStateException("roll back");
        }));
        assertEquals(0, rows());
    }

    @Test
    void misuseIsRefusedClearly() {
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> client.transaction(tx -> client.transaction(inner -> 1)));
        assertTrue(nested.getMessage().contains("inside a transaction callback"), nested.getMessage());
        Transaction[] escaped = new Transaction[1];
        client.transaction(tx -> escaped[0] = tx);
        assertThrows(IllegalStateException.class, () -> escaped[0].query("SELECT 1"));
        Throwable otherThread = client.transaction(tx -> CompletableFuture.supplyAsync(() -> tx.query("SELECT 1"))
                .handle((r, x) -> x.getCause()).join());
        assertInstanceOf(IllegalStateException.class, otherThread);
        assertTrue(otherThread.getMessage().contains("only by the thread"), otherThread.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.transaction(null));
        assertThrows(IllegalStateException.class, () -> client.transaction(tx -> {
            client.end();
            return null;
        }));
        assertEquals(0, endpoint.openTransactions(), "every misused transaction was rolled back");
    }

    @Test
    void concurrentTransactionsAreIsolatedFromEachOther() throws Exception {
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch allInside = new CountDownLatch(threads);
        try {
            List<Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = i;
                ids.add(pool.submit(() -> client.transaction(tx -> {
                    tx.update("INSERT INTO t (id, v) VALUES (:id, :v)", Map.of("id", id, "v", id * 10));
                    allInside.countDown();
                    assertTrue(allInside.await(30, TimeUnit.SECONDS));
                    assertEquals(1L, tx.query("SELECT COUNT(*) AS n FROM t").get(0).get("n"), "sees only its own row");
                    if (id % 3 == 0) {
                        throw new IllegalStateException("roll back " + id);
                    }
                    return tx.id();
                })));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            int failed = 0;
            for (Future<String> f : ids) {
                try {
                    distinct.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    assertInstanceOf(IllegalStateException.class, e.getCause());
                    failed++;
                }
            }
            assertEquals(2, failed);
            assertEquals(threads - 2, distinct.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads - 2, rows());
        assertEquals(List.of(10, 20, 40, 50), client.query("SELECT v FROM t ORDER BY id", rs -> rs.getInt("v")));
        assertEquals(0, endpoint.openTransactions());
    }

    @Test
    void theTransactionIdIsAvailableForPlainSdkCalls() {
        String id = client.transaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (1)");
            client.rdsDataClient().executeStatement(b -> b.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                    .database(endpoint.database()).transactionId(tx.id()).sql("INSERT INTO t (id) VALUES (2)"));
            return tx.id();
        });
        assertNotEquals("", id);
        assertEquals(2, rows());
    }
}
