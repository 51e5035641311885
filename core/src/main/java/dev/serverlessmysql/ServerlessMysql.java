package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * A connection-managed MySQL client for AWS Lambda handlers: build it once per container, outside the handler
 * method, and call {@link #end()} at the end of every invocation.
 *
 * <pre>{@code
 * static final ServerlessMysql db = ServerlessMysql.fromEnvironment();   // DB_URL, DB_USER, DB_PASSWORD
 *
 * public Response handleRequest(Request in, Context context) {
 *     db.remainingTime(context::getRemainingTimeInMillis);
 *     try {
 *         List<User> users = db.query("SELECT id, name FROM users WHERE team = ?", User::from, in.team());
 *         return Response.ok(users);
 *     } finally {
 *         db.end();
 *     }
 * }
 * }</pre>
 *
 * <p>It holds one connection, opened lazily, and is thread-safe: statements from several threads run one at a
 * time. Connecting retries with backoff while the server has no room; a connection that died while idle is replaced
 * before the next statement; {@code end()} keeps the server below its connection limit by killing this user's
 * zombie sessions, or by closing its own connection. Errors are unchecked {@link ServerlessMysqlException}s that
 * keep the driver's SQLState and vendor code. Nothing is static: several clients in one JVM are independent.
 */
public final class ServerlessMysql implements AutoCloseable {

    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Counters counters = new Counters();
    private final Events events;
    private final Session session;
    private final StatementRunner runner;
    private final TransactionRunner transactions;
    private final Housekeeper housekeeper;
    private final Connector connector;
    private ManagedDataSource dataSource;
    private long connectRetriesAtLastEnd;
    /** Held strongly: org.crac keeps only weak references to resources. */
    private final Object checkpointHook;

    ServerlessMysql(Settings settings) {
        this.settings = settings;
        this.events = new Events(settings.listener(), settings.name(), settings.jdbcUrl());
        this.connector = new Connector(settings, events, counters);
        this.session = new Session(settings, connector, events, counters);
        Statements statements = new Statements();
        this.runner = new StatementRunner(lock, session, statements, settings, connector, events, counters);
        this.transactions = new TransactionRunner(lock, session, statements, runner, settings, connector, events, counters);
        this.housekeeper = new Housekeeper(settings, events, counters);
        this.checkpointHook = settings.checkpointHook() && CheckpointSupport.available()
                ? CheckpointSupport.register(this) : null;
    }

    /** A builder with serverless-mysql's defaults. */
    public static ServerlessMysqlBuilder builder() {
        return new ServerlessMysqlBuilder();
    }

    /** A client configured from the {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} environment variables. */
    public static ServerlessMysql fromEnvironment() {
        return builder().fromEnvironment().build();
    }

    /** Runs a query with bound parameters; every row is a map from column label to value, in column order. */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try {
            return runner.query(sql, params, null);
        } catch (ServerlessMysqlException e) {
            throw reported(e);
        }
    }

    /** Runs a query with bound parameters and maps every row with {@code mapper}. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        if (mapper == null) {
            throw new IllegalArgumentException("mapper must not be null");
        }
        try {
            return runner.query(sql, params, mapper);
        } catch (ServerlessMysqlException e) {
            throw reported(e);
        }
    }

    /** Runs an INSERT, UPDATE, DELETE or other statement with bound parameters; returns the affected row count. */
    public int update(String sql, Object... params) {
        try {
            return runner.update(sql, params);
        } catch (ServerlessMysqlException e) {
            throw reported(e);
        }
    }

    /**
     * Runs {@code callback} in a transaction: begins it, runs the callback, commits. Any exception rolls it back
     * and reaches the caller; a lost connection fails it with a {@link ConnectionLostException}.
     */
    public <T> T transaction(TransactionCallback<T> callback) {
        return transaction(TransactionOptions.defaults(), callback);
    }

    /** Runs {@code callback} in a transaction with the given isolation level, read-only flag and deadlock retries. */
    public <T> T transaction(TransactionOptions options, TransactionCallback<T> callback) {
        try {
            return transactions.run(options, callback);
        } catch (ServerlessMysqlException e) {
            throw reported(e);
        }
    }

    /**
     * Lends the current invocation's remaining time, typically {@code context::getRemainingTimeInMillis}: retries
     * then stop {@code remainingTimeMargin} before it runs out. It applies until {@link #end()}.
     */
    public ServerlessMysql remainingTime(IntSupplier remainingMillis) {
        lock.lock();
        try {
            session.remainingTime(remainingMillis);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Like {@link #remainingTime(IntSupplier)}, with the time left counted from now. */
    public ServerlessMysql remainingTime(Duration remaining) {
        lock.lock();
        try {
            session.remainingTime(remaining, System.nanoTime());
        } finally {
            lock.unlock();
        }
        return this;
    }

    /**
     * Call at the end of every invocation. It rolls back and reports a transaction left open, releases
     * {@link #dataSource()} connections still open, and (unless {@code manageConnections} is off) checks the server's
     * connection usage: above {@code connUtilization} it kills this user's zombie sessions, or closes its own
     * connection when there is none to kill. It never throws for housekeeping failures; they go to the listener's
     * {@code onError} and the log. The connection stays open for the next invocation.
     */
    public void end() {
        lock.lock();
        try {
            if (session.pinned()) {
                throw new IllegalStateException("end() was called inside a transaction callback");
            }
            counters.ends.incrementAndGet();
            releaseDataSourceConnections();
            Connection c = session.current();
            if (c != null) {
                try {
                    String leaked = session.rollbackLeaked();
                    if (leaked != null) {
                        counters.transactionsRolledBack.incrementAndGet();
                        events.transactionLeak("end() found a transaction still open (" + leaked + ") and rolled it"
                                + " back, so that it cannot leak into the next invocation");
                    }
                    long retries = counters.connectRetries.get();
                    boolean pressureSeen = retries != connectRetriesAtLastEnd;
                    connectRetriesAtLastEnd = retries;
                    // behind RDS Proxy the process list and CONNECTION_ID() describe the proxy's backend connections
                    if (settings.manageConnections() && !settings.rdsProxy()
                            && housekeeper.end(c, connector.lastUser(), System.nanoTime(), pressureSeen)) {
                        counters.closesForUtilization.incrementAndGet();
                        session.discard(ServerlessMysqlListener.CloseReason.UTILIZATION);
                    }
                } catch (SQLException e) {
                    housekeepingFailed(c, e);
                }
            }
            session.ended();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection for good: rolls back a transaction left open; later calls fail. */
    public void quit() {
        lock.lock();
        try {
            if (session.closedForGood()) {
                return;
            }
            if (session.pinned()) {
                throw new IllegalStateException("quit() was called inside a transaction callback");
            }
            releaseDataSourceConnections();
            try {
                session.rollbackLeaked();
            } catch (SQLException ignored) {
                // closing the connection rolls back on the server anyway
            }
            session.discard(ServerlessMysqlListener.CloseReason.QUIT);
            session.closeForGood();
        } finally {
            lock.unlock();
        }
    }

    /** The same as {@link #quit()}. */
    @Override
    public void close() {
        quit();
    }

    /** A snapshot of the client's counters. */
    public ServerlessMysqlStats stats() {
        return counters.snapshot();
    }

    /**
     * A {@link DataSource} whose connections are this client's managed connection; closing one only releases it.
     * Use it for plain JDBC, Spring's JdbcTemplate or jOOQ.
     */
    public DataSource dataSource() {
        lock.lock();
        try {
            if (dataSource == null) {
                dataSource = new ManagedDataSource(this, lock, session, events, counters);
            }
            return dataSource;
        } finally {
            lock.unlock();
        }
    }

    private void releaseDataSourceConnections() {
        if (dataSource != null) {
            dataSource.releaseAll();
        }
    }

    /** Shows the URL without credentials, never the password. */
    @Override
    public String toString() {
        return "ServerlessMysql[" + events.name() + "]";
    }

    /** Whether SnapStart (CRaC) hooks are registered. */
    boolean hasCheckpointHook() {
        return checkpointHook != null;
    }

    /** Before a SnapStart checkpoint: the connection would be dead after the restore, so close it now. */
    void beforeCheckpoint() {
        lock.lock();
        try {
            releaseDataSourceConnections();
            try {
                session.rollbackLeaked();
            } catch (SQLException ignored) {
                // the close below rolls back on the server
            }
            session.discard(ServerlessMysqlListener.CloseReason.CHECKPOINT);
            housekeeper.reset();
        } finally {
            lock.unlock();
        }
    }

    /** After a SnapStart restore: reconnect lazily, with fresh figures. */
    void afterRestore() {
        lock.lock();
        try {
            session.restored();
            housekeeper.reset();
        } finally {
            lock.unlock();
        }
    }

    private void housekeepingFailed(Connection c, SQLException e) {
        if (SqlErrors.isConnectionLost(e, c)) {
            session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            return;
        }
        counters.errors.incrementAndGet();
        events.error(new ServerlessMysqlException("end() could not check the server's connections: "
                + e.getMessage() + SqlErrors.codes(e), e), true);
    }

    private ServerlessMysqlException reported(ServerlessMysqlException e) {
        counters.errors.incrementAndGet();
        events.error(e, false);
        return e;
    }
}
