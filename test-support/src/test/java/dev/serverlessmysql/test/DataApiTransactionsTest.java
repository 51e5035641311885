package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.SdkClients.longValue;
import static dev.serverlessmysql.test.SdkClients.param;
import static dev.serverlessmysql.test.SdkClients.run;
import static dev.serverlessmysql.test.SdkClients.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.BeginTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.CommitTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.DatabaseErrorException;
import software.amazon.awssdk.services.rdsdata.model.RollbackTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.TransactionNotFoundException;

/** BeginTransaction, CommitTransaction and RollbackTransaction through the plain AWS SDK. */
@MySqlTest(dataApi = true)
@Timeout(60)
class DataApiTransactionsTest {

    private static RdsDataClient client;
    private final DataApiEndpoint endpoint;
    private final MySqlDatabase db;

    DataApiTransactionsTest(DataApiEndpoint endpoint, MySqlDatabase db) {
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
        endpoint.transactionTimeouts(Duration.ofMinutes(3), Duration.ofHours(24));
        run(client, endpoint, "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, v INT DEFAULT 0)");
        run(client, endpoint, "DELETE FROM t");
    }

    private String begin() {
        return client.beginTransaction(BeginTransactionRequest.builder().resourceArn(endpoint.resourceArn())
                .secretArn(endpoint.secretArn()).database(endpoint.database()).build()).transactionId();
    }

    private void insert(String tx, int id) {
        client.executeStatement(statement(endpoint, "INSERT INTO t (id) VALUES (:id)", param("id", longValue(id)))
                .transactionId(tx).build());
    }

    private String commit(String tx) {
        return client.commitTransaction(CommitTransactionRequest.builder().resourceArn(endpoint.resourceArn())
                .secretArn(endpoint.secretArn()).transactionId(tx).build()).transactionStatus();
    }

    private String rollback(String tx) {
        return client.rollbackTransaction(RollbackTransactionRequest.builder().resourceArn(endpoint.resourceArn())
                .secretArn(endpoint.secretArn()).transactionId(tx).build()).transactionStatus();
    }

    @Test
    void aCommittedTransactionKeepsItsWorkAndARolledBackOneLeavesNothing() throws SQLException {
        String tx = begin();
        assertTrue(tx.length() >= 20 && tx.length() <= 192, tx);
        insert(tx, 1);
        insert(tx, 2);
        client.batchExecuteStatement(BatchExecuteStatementRequest.builder().resourceArn(endpoint.resourceArn())
                .secretArn(endpoint.secretArn()).transactionId(tx).sql("INSERT INTO t (id) VALUES (:id)")
                .parameterSets(List.of(List.of(param("id", longValue(3))), List.of(param("id", longValue(4))))).build());
        assertEquals(0, rows(), "nothing is visible before the commit");
        assertEquals(0L, run(client, endpoint, "SELECT COUNT(*) FROM t").records().get(0).get(0).longValue(),
                "an autocommit call does not see it either");
        assertEquals(4L, client.executeStatement(statement(endpoint, "SELECT COUNT(*) FROM t").transactionId(tx).build())
                .records().get(0).get(0).longValue(), "the transaction sees its own rows");
        assertEquals(1, endpoint.openTransactions());
        assertEquals("Transaction Committed", commit(tx));
        assertEquals(4, rows());
        assertEquals(0, endpoint.openTransactions());

        String other = begin();
        insert(other, 10);
        assertEquals("Rollback Complete", rollback(other));
        assertEquals(4, rows());
        TransactionNotFoundException again = assertThrows(TransactionNotFoundException.class, () -> commit(other));
        assertEquals(404, again.statusCode());
        assertTrue(again.getMessage().contains("One previous call resulted in a termination of your transaction"),
                again.getMessage());
    }

    @Test
    void anUnknownTransactionIdIsNotFound() {
        TransactionNotFoundException e = assertThrows(TransactionNotFoundException.class, () -> insert("no-such-id", 1));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("Transaction no-such-id is not found"), e.getMessage());
    }

    @Test
    void anSqlErrorInsideATransactionAbortsIt() throws SQLException {
        String tx = begin();
        insert(tx, 1);
        DatabaseErrorException dup = assertThrows(DatabaseErrorException.class, () -> insert(tx, 1));
        assertTrue(dup.getMessage().contains("Database error code: 1062"), dup.getMessage());
        TransactionNotFoundException gone = assertThrows(TransactionNotFoundException.class, () -> commit(tx));
        assertTrue(gone.getMessage().contains("aborted due to an error from a previous call"), gone.getMessage());
        assertEquals(0, rows(), "the first insert was rolled back with the transaction");
        assertEquals(0, endpoint.openTransactions());
    }

    @Test
    void concurrentTransactionsAreIsolatedAndEachHasItsOwnSession() throws Exception {
        String a = begin();
        String b = begin();
        assertNotEquals(a, b);
        long sessionA = connectionId(a);
        long sessionB = connectionId(b);
        assertNotEquals(sessionA, sessionB);
        insert(a, 1);
        assertEquals(0L, client.executeStatement(statement(endpoint, "SELECT COUNT(*) FROM t").transactionId(b).build())
                .records().get(0).get(0).longValue(), "b does not see a's uncommitted row");
        commit(a);
        rollback(b);

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier allBegun = new CyclicBarrier(threads);
        try {
            List<Future<Long>> sessions = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = 100 + i;
                sessions.add(pool.submit(() -> {
                    String tx = begin();
                    insert(tx, id);
                    allBegun.await(30, TimeUnit.SECONDS);
                    long session = connectionId(tx);
                    if (id % 2 == 0) {
                        commit(tx);
                    } else {
                        rollback(tx);
                    }
                    return session;
                }));
            }
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> f : sessions) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(threads, distinct.size(), "every open transaction had a session of its own");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1 + threads / 2, rows(), "the committed half and a's row");
        assertEquals(0, endpoint.openTransactions());
    }

    @Test
    void anIdleTransactionExpiresAndIsRolledBack() throws SQLException {
        endpoint.transactionTimeouts(Duration.ofMillis(300), Duration.ofHours(24));
        String tx = begin();
        insert(tx, 1);
        Await.until("the idle transaction expired", Duration.ofSeconds(20), () -> endpoint.openTransactions() == 0);
        TransactionNotFoundException e = assertThrows(TransactionNotFoundException.class, () -> commit(tx));
        assertTrue(e.getMessage().contains("Transaction may be expired"), e.getMessage());
        assertEquals(0, rows());
    }

    @Test
    void aTransactionEndsAtItsMaximumAgeEvenWhileInUse() throws SQLException {
        endpoint.transactionTimeouts(Duration.ofMinutes(3), Duration.ofMillis(500));
        String tx = begin();
        insert(tx, 1);
        Await.until("the old transaction ended", Duration.ofSeconds(20), () -> {
            try {
                connectionId(tx);
                return false;
            } catch (TransactionNotFoundException expired) {
                return true;
            }
        });
        assertEquals(0, rows());
    }

    private long connectionId(String tx) {
        return client.executeStatement(statement(endpoint, "SELECT CONNECTION_ID()").transactionId(tx).build())
                .records().get(0).get(0).longValue();
    }

    private long rows() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
