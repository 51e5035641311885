package dev.serverlessmysql.dataapi;

import dev.serverlessmysql.ServerlessMysqlException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;

/**
 * The serverless-mysql client over Aurora's HTTP Data API ({@code rds-data}): no connection to hold, no VPC, no
 * zombie sessions. Build it once per container; it is thread-safe.
 *
 * <pre>{@code
 * static final DataApiClient db = DataApiClient.fromEnvironment();  // DATA_API_RESOURCE_ARN, DATA_API_SECRET_ARN, DATA_API_DATABASE
 *
 * public Response handleRequest(Request in, Context context) {
 *     db.remainingTime(context::getRemainingTimeInMillis);
 *     return Response.ok(db.query("SELECT id, name FROM users WHERE team = :team",
 *             rs -> new User(rs.getLong("id"), rs.getString("name")), Map.of("team", in.team())));
 * }
 * }</pre>
 *
 * <p>Parameters are named ({@code :id}) and given as a map; values map to Data API fields and type hints:
 * String, Character and enums to text; Integer, Long, Short, Byte and BigInteger to {@code longValue} (a BigInteger
 * past 64 bits as DECIMAL text); Double and Float to {@code doubleValue}; BigDecimal to DECIMAL text; Boolean to
 * {@code booleanValue}; byte[], ByteBuffer and SdkBytes to {@code blobValue}; LocalDate to DATE, LocalTime to TIME,
 * LocalDateTime to TIMESTAMP, Instant, OffsetDateTime and ZonedDateTime to TIMESTAMP in UTC, java.sql dates and
 * times alike; UUID to text; {@link Json} to JSON; null to {@code isNull}; an SDK {@code Field} as it is.
 *
 * <p>Results map back by each column's MySQL type, as MySQL Connector/J returns them: TINYINT, SMALLINT, MEDIUMINT,
 * INT and YEAR to Integer (INT UNSIGNED to Long), BIGINT to Long (UNSIGNED to BigInteger), DECIMAL to BigDecimal,
 * FLOAT to Float, DOUBLE to Double, BIT and BOOLEAN to Boolean, DATE to LocalDate, DATETIME and TIMESTAMP to
 * LocalDateTime, TIME to LocalTime, text types and JSON to String, binary types to byte[].
 *
 * <p>A paused cluster ({@code DatabaseResumingException}) and throttling are retried with jittered backoff within
 * the retry deadline and the invocation's remaining time; a write or commit whose outcome is unknown is never
 * re-sent. Errors are {@link DataApiException}s, which are {@link ServerlessMysqlException}s with the MySQL error
 * code of the service's message.
 */
public final class DataApiClient implements AutoCloseable {

    private final Settings settings;
    private final RdsDataClient rds;
    private final boolean ownsRds;
    private final Caller caller;
    private final Statements statements;
    private final ThreadLocal<TransactionScope> current = new ThreadLocal<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();

    DataApiClient(Settings settings, RdsDataClient rds, boolean ownsRds) {
        this.settings = settings;
        this.rds = rds;
        this.ownsRds = ownsRds;
        this.caller = new Caller(settings);
        this.statements = new Statements(settings, rds, caller);
    }

    /** A builder with the client's defaults. */
    public static DataApiClientBuilder builder() {
        return new DataApiClientBuilder();
    }

    /**
     * A client configured from {@code DATA_API_RESOURCE_ARN}, {@code DATA_API_SECRET_ARN}, {@code DATA_API_DATABASE}
     * (optional) and {@code DATA_API_ENDPOINT} (optional), in the region of the cluster's ARN.
     */
    public static DataApiClient fromEnvironment() {
        return builder().fromEnvironment().build();
    }

    /** Runs a query; every row is a map from column label to value, in column order. */
    public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
        return statements.query(sql, params, txId());
    }

    /** Runs a query without parameters. */
    public List<Map<String, Object>> query(String sql) {
        return query(sql, (Map<String, ?>) null);
    }

    /** Runs a query and maps every row with {@code mapper}. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Map<String, ?> params) {
        return statements.query(sql, mapper, params, txId());
    }

    /** Runs a query without parameters and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        return query(sql, mapper, null);
    }

    /** Runs an INSERT, UPDATE, DELETE or other statement; returns the affected row count and the generated keys. */
    public UpdateResult update(String sql, Map<String, ?> params) {
        return statements.update(sql, params, txId());
    }

    /** Runs a statement without parameters. */
    public UpdateResult update(String sql) {
        return update(sql, null);
    }

    /**
     * Runs one statement once per parameter set in a single BatchExecuteStatement call. Outside a transaction each
     * set commits on its own, so a failing set leaves the sets before it applied.
     */
    public BatchResult batch(String sql, List<? extends Map<String, ?>> paramSets) {
        return statements.batch(sql, paramSets, txId());
    }

    /**
     * Runs {@code callback} in a transaction: BeginTransaction, the callback, CommitTransaction. Any exception rolls
     * it back and reaches the caller (a checked one wrapped in a {@link ServerlessMysqlException}); statements of
     * this client made by the callback's thread join the transaction.
     */
    public <T> T transaction(TransactionCallback<T> callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callback must not be null");
        }
        if (current.get() != null) {
            throw new IllegalStateException("transaction() was called inside a transaction callback; the Data API has"
                    + " no nested transactions");
        }
        String id = statements.begin();
        TransactionScope tx = new TransactionScope(statements, id, Thread.currentThread());
        current.set(tx);
        T result;
        try {
            result = callback.run(tx);
        } catch (Throwable t) {
            tx.end();
            current.remove();
            rollback(id, t);
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new ServerlessMysqlException("The transaction callback threw " + t + "; the transaction was rolled back", t);
        }
        tx.end();
        current.remove();
        statements.commit(id);
        commits.incrementAndGet();
        return result;
    }

    /** Rolls back after a failed callback; a transaction the service already ended needs no rollback. */
    private void rollback(String id, Throwable cause) {
        try {
            statements.rollback(id);
        } catch (DataApiException e) {
            if (!e.transactionGone()) {
                cause.addSuppressed(e);
                return;
            }
        }
        rollbacks.incrementAndGet();
    }

    /**
     * Lends the current invocation's remaining time, typically {@code context::getRemainingTimeInMillis}: retries
     * stop, and every call is cut off, {@code remainingTimeMargin} before it runs out. It applies until {@link #end()}.
     */
    public DataApiClient remainingTime(IntSupplier remainingMillis) {
        if (remainingMillis == null) {
            throw new IllegalArgumentException("remainingMillis must not be null");
        }
        caller.remainingTime(remainingMillis);
        return this;
    }

    /** Like {@link #remainingTime(IntSupplier)}, with the time left counted from now. */
    public DataApiClient remainingTime(Duration remaining) {
        if (remaining == null) {
            throw new IllegalArgumentException("remaining must not be null");
        }
        caller.remainingTime(remaining, System.nanoTime());
        return this;
    }

    /**
     * Call at the end of an invocation, as with the core client: it forgets the invocation's remaining time. There is
     * no connection to manage.
     */
    public void end() {
        if (current.get() != null) {
            throw new IllegalStateException("end() was called inside a transaction callback");
        }
        caller.forgetRemainingTime();
    }

    /** A snapshot of the client's counters. */
    public DataApiStats stats() {
        return new DataApiStats(caller.calls.get(), caller.retries.get(), caller.errors.get(), commits.get(), rollbacks.get());
    }

    /** The AWS SDK client underneath, for calls this client does not offer. */
    public RdsDataClient rdsDataClient() {
        return rds;
    }

    /** Closes the SDK client if this client built it; a client passed to the builder stays open. */
    @Override
    public void close() {
        if (ownsRds) {
            rds.close();
        }
    }

    /** Names the cluster and database, never the secret's contents (the client never sees them). */
    @Override
    public String toString() {
        return "DataApiClient[" + settings.resourceArn() + (settings.database() == null ? "" : ", " + settings.database()) + "]";
    }

    private String txId() {
        TransactionScope tx = current.get();
        return tx == null ? null : tx.idForClient();
    }
}
