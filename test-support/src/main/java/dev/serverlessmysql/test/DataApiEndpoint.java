package dev.serverlessmysql.test;

import dev.serverlessmysql.test.dataapi.LocalDataApi;
import java.net.URI;
import java.time.Duration;

/**
 * A local Aurora Data API ({@code rds-data}) over the test class's database, started by
 * {@code @MySqlTest(dataApi = true)} and injected into tests. Point an AWS SDK {@code RdsDataClient} at
 * {@link #uri()} (endpoint override, region {@link #region()}, any static credentials) and name
 * {@link #resourceArn()}, {@link #secretArn()} and {@link #database()} in its requests.
 *
 * <p>Fault switches ({@link #pause(Duration)}, {@link #pauseForCalls(int)}, {@link #throttle(int)}) last until the
 * test method that set them ends.
 */
public final class DataApiEndpoint {

    private final LocalDataApi api;

    DataApiEndpoint(LocalDataApi api) {
        this.api = api;
    }

    /** Where the endpoint listens, for example {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return api.uri();
    }

    /** The ARN of the cluster requests must name as {@code resourceArn}. */
    public String resourceArn() {
        return api.resourceArn();
    }

    /** The ARN of the secret requests must name as {@code secretArn}; it stands for the class's database user. */
    public String secretArn() {
        return api.secretArn();
    }

    /** The test class's database, which calls use when they name none. */
    public String database() {
        return api.database();
    }

    /** The region of the ARNs, which clients must sign their requests for ({@code us-east-1}). */
    public String region() {
        return api.region();
    }

    /**
     * Pauses the cluster, as Aurora Serverless does at 0 ACU: calls outside a transaction answer
     * {@code DatabaseResumingException} until {@code resumeTime} has passed.
     */
    public void pause(Duration resumeTime) {
        api.pause(resumeTime);
    }

    /** The next {@code calls} calls outside a transaction answer {@code DatabaseResumingException}. */
    public void pauseForCalls(int calls) {
        api.pauseForCalls(calls);
    }

    /** The next {@code calls} calls answer {@code ThrottlingException} ("Rate exceeded"). */
    public void throttle(int calls) {
        api.throttle(calls);
    }

    /**
     * How long a transaction may go without a call before it is rolled back (3 minutes on the service) and how long
     * it may live at most (24 hours); shorten them to test expiry.
     */
    public void transactionTimeouts(Duration idle, Duration maxAge) {
        api.transactionTimeouts(idle, maxAge);
    }

    /** How long a call waits for its statement before {@code StatementTimeoutException} (45 seconds on the service). */
    public void statementTimeout(Duration timeout) {
        api.statementTimeout(timeout);
    }

    /** Transactions begun and not yet committed, rolled back or expired. */
    public int openTransactions() {
        return api.openTransactions();
    }

    /** How many operation calls reached the endpoint, including those answered with an error. */
    public long calls() {
        return api.calls();
    }

    /** How many calls of one operation reached the endpoint: {@code "ExecuteStatement"}, {@code "BeginTransaction"}... */
    public long calls(String operation) {
        return api.calls(path(operation));
    }

    private static String path(String operation) {
        switch (operation) {
            case "ExecuteStatement":
                return "/Execute";
            case "BatchExecuteStatement":
                return "/BatchExecute";
            case "BeginTransaction":
            case "CommitTransaction":
            case "RollbackTransaction":
                return "/" + operation;
            default:
                throw new IllegalArgumentException("Unknown Data API operation '" + operation + "'; use ExecuteStatement,"
                        + " BatchExecuteStatement, BeginTransaction, CommitTransaction or RollbackTransaction");
        }
    }

    /** Before each test: the switches of the previous test are off; with a fresh database, no transaction is left. */
    void beforeTest(boolean freshDatabase) {
        api.clearFaults();
        if (freshDatabase) {
            api.rollbackOpenTransactions();
        }
    }

    void close() {
        api.close();
    }

    @Override
    public String toString() {
        return "DataApiEndpoint[" + uri() + ", " + resourceArn() + "]";
    }
}
