package dev.serverlessmysql.test.dataapi;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A local stand-in for the Aurora Data API ({@code rds-data}) over one test database: an HTTP endpoint on
 * 127.0.0.1 that the AWS SDK's {@code RdsDataClient} talks to with an endpoint override. Tests reach it through
 * {@link dev.serverlessmysql.test.DataApiEndpoint}; this class is the machinery behind it.
 */
public final class LocalDataApi implements AutoCloseable {

    /** The region of the endpoint's ARNs; clients must sign for it. */
    public static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";

    private final HttpServer server;
    private final Target target;
    private final String database;
    private final Connections connections;
    private final Transactions transactions;
    private final Faults faults = new Faults();
    private final Operations operations;
    private final HttpFront front;
    private final ExecutorService httpThreads;
    private final ExecutorService sqlThreads;
    private final ScheduledExecutorService reaper;

    private LocalDataApi(Supplier<String> jdbcUrl, String user, String password, String database) throws IOException {
        this.database = database;
        String cluster = clusterName(database);
        this.target = new Target("arn:aws:rds:" + REGION + ":" + ACCOUNT + ":cluster:" + cluster,
                "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + cluster + "-secret-Ab12Cd", REGION);
        this.connections = new Connections(jdbcUrl, user, password, database);
        this.transactions = new Transactions(connections);
        this.sqlThreads = Executors.newCachedThreadPool(daemon("local-data-api-sql-"));
        this.operations = new Operations(target, connections, transactions, faults, sqlThreads);
        this.front = new HttpFront(operations, target);
        this.httpThreads = Executors.newCachedThreadPool(daemon("local-data-api-http-"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", front);
        server.setExecutor(httpThreads);
        this.reaper = Executors.newSingleThreadScheduledExecutor(daemon("local-data-api-expiry-"));
        reaper.scheduleWithFixedDelay(() -> transactions.expire(System.nanoTime()), 250, 250, TimeUnit.MILLISECONDS);
        server.start();
    }

    /**
     * Starts an endpoint over {@code database}, reached as {@code user}; {@code jdbcUrl} gives a {@code jdbc:mariadb:}
     * URL of that database (asked again for every new session, so a restarted server is found).
     */
    public static LocalDataApi start(Supplier<String> jdbcUrl, String user, String password, String database) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(database, "database");
        try {
            return new LocalDataApi(jdbcUrl, user, password, database);
        } catch (IOException e) {
            throw new UncheckedIOException("The local Data API could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static String clusterName(String database) {
        String name = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        name = name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "db-" + name : name;
        return name.length() > 30 ? name.substring(0, 30).replaceAll("-+$", "") : name;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The endpoint, for example {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The cluster ARN requests must name. */
    public String resourceArn() {
        return target.resourceArn();
    }

    /** The secret ARN requests must name. */
    public String secretArn() {
        return target.secretArn();
    }

    /** The database calls use when they name none. */
    public String database() {
        return database;
    }

    /** The region clients must sign requests for. */
    public String region() {
        return target.region();
    }

    /** Calls outside a transaction answer {@code DatabaseResumingException} until {@code resumeTime} has passed. */
    public void pause(Duration resumeTime) {
        faults.pause(requireNonNegative(resumeTime, "resumeTime"));
    }

    /** The next {@code calls} calls outside a transaction answer {@code DatabaseResumingException}. */
    public void pauseForCalls(int calls) {
        faults.pauseCalls(requireNonNegative(calls, "calls"));
    }

    /** The next {@code calls} calls of any kind answer {@code ThrottlingException}. */
    public void throttle(int calls) {
        faults.throttle(requireNonNegative(calls, "calls"));
    }

    /** Turns every fault switch off. */
    public void clearFaults() {
        faults.clear();
    }

    /** How long a transaction may go without a call (3 minutes on the service) and live at most (24 hours). */
    public void transactionTimeouts(Duration idle, Duration maxAge) {
        transactions.timeouts(requirePositive(idle, "idle"), requirePositive(maxAge, "maxAge"));
    }

    /** How long a call waits for its statement (45 seconds on the service) before {@code StatementTimeoutException}. */
    public void statementTimeout(Duration timeout) {
        operations.statementTimeout(requirePositive(timeout, "timeout"));
    }

    /** Transactions begun and neither committed, rolled back nor expired. */
    public int openTransactions() {
        return transactions.openCount();
    }

    /** Rolls back every open transaction, as if each had expired. */
    public void rollbackOpenTransactions() {
        transactions.rollbackAll(Transactions.EXPIRED);
    }

    /** The number of operation calls received (faults and errors included). */
    public long calls() {
        return front.calls();
    }

    /** The number of calls of one operation, by its path: {@code /Execute}, {@code /BeginTransaction}, ... */
    public long calls(String path) {
        return front.calls(path);
    }

    /** Stops listening, rolls back open transactions and closes every session. */
    @Override
    public void close() {
        server.stop(0);
        reaper.shutdownNow();
        transactions.close();
        connections.close();
        httpThreads.shutdownNow();
        sqlThreads.shutdownNow();
    }

    private static Duration requireNonNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + d);
        }
        return d;
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static int requireNonNegative(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "LocalDataApi[" + uri() + ", " + resourceArn() + "]";
    }
}
