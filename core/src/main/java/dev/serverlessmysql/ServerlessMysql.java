package dev.serverlessmysql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private final Counters counters = new Counters();
    private final Events events;
    private final TimeBudget budget;
    private final Gate gate;
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
        this.budget = new TimeBudget(settings);
        this.gate = new Gate(budget);
        RetryLoop loop = new RetryLoop(settings.backoff());
        this.connector = new Connector(settings, events, counters, loop, budget);
        this.session = new Session(settings, connector, events, counters, budget);
        this.runner = new StatementRunner(gate, session, new Statements(), settings, loop, budget, events, counters);
        this.transactions = new TransactionRunner(gate, session, runner, settings, loop, budget, events, counters);
        this.housekeeper = new Housekeeper(settings, events, counters);
        gate.onAbandonedLease(this::releaseDataSourceConnections);
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
     * Runs an INSERT with bound parameters and returns the AUTO_INCREMENT key it generated (the first, for several
     * rows), or 0 when it generated none. Use it instead of {@code SELECT LAST_INSERT_ID()}, which asks the session
     * and so cannot survive a reconnect.
     */
    public long insert(String sql, Object... params) {
        return updateWithKeys(sql, params).key();
    }

    /** Runs a statement with bound parameters; returns the affected row count and every key it generated. */
    public UpdateResult updateWithKeys(String sql, Object... params) {
        try {
            return runner.updateWithKeys(sql, params);
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
     * Lends the current invocation's remaining time, typically {@code context::getRemainingTimeInMillis}: every
     * network wait (statements, connect attempts, waits for the client's lock) and every retry then ends
     * {@code remainingTimeMargin} before it runs out. It applies until {@link #end()}.
     */
    public ServerlessMysql remainingTime(IntSupplier remainingMillis) {
        budget.remainingTime(remainingMillis);
        return this;
    }

    /** Like {@link #remainingTime(IntSupplier)}, with the time left counted from now. */
    public ServerlessMysql remainingTime(Duration remaining) {
        budget.remainingTime(remaining, System.nanoTime());
        return this;
    }

    /**
     * Call at the end of every invocation. It releases {@link #dataSource()} connections still open (on any thread),
     * rolls back and reports a transaction the server says is still open, resets the session when the invocation
     * changed its state ({@code SET}, {@code USE}, user variables, temporary tables; through the driver's
     * COM_RESET_CONNECTION, or by closing the connection when the driver cannot), and (unless
     * {@code manageConnections} is off) checks the server's connection usage: above {@code connUtilization} it kills
     * this user's zombie sessions, or closes its own connection when there is none to kill. It never throws for
     * these; failures go to the listener's {@code onError} and the log. Its network waits are bounded like a
     * statement's. The connection stays open for the next invocation.
     */
    public void end() {
        try {
            gate.enterIgnoringLease("end()");
        } catch (ServerlessMysqlException e) {
            counters.errors.incrementAndGet();
            events.error(e, true);
            budget.forget();
            return;
        }
        try {
            if (session.pinned()) {
                throw new IllegalStateException("end() was called inside a transaction callback");
            }
            counters.ends.incrementAndGet();
            releaseDataSourceConnections();
            ServerConnection c = session.current();
            if (c != null) {
                tidy(c);
            }
            session.ended();
            budget.forget();
        } finally {
            gate.exit();
        }
    }

    /** end()'s work on the connection: roll back, reset, housekeeping, within the time left. */
    private void tidy(ServerConnection c) {
        long now = System.nanoTime();
        int ms = budget.networkTimeoutMillis(now);
        if (ms == 0) {
            // no time for a round trip: a connection whose state cannot be tidied is dropped, which the server tidies
            if (c.inTransaction() || c.sessionChanged()) {
                session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            }
            return;
        }
        try {
            c.networkTimeout(ms);
            String leaked = c.rollbackOpen();
            if (leaked != null) {
                counters.transactionsRolledBack.incrementAndGet();
                events.transactionLeak("end() found a transaction still open (" + leaked + ") and rolled it"
                        + " back, so that it cannot leak into the next invocation");
            }
            if (c.sessionChanged()) {
                if (!c.reset()) {
                    session.discard(ServerlessMysqlListener.CloseReason.SESSION_STATE);
                    return;
                }
                counters.sessionResets.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            // a connection whose state could not be put back is never kept
            if (!(e instanceof SQLException) || Failure.ofStatement((SQLException) e, c.jdbc()).kind()
                    != Failure.Kind.LOST) {
                events.log(System.Logger.Level.WARNING, "end() could not roll back or reset the session, so it closed"
                        + " the connection: " + e.getMessage(), null);
            }
            session.discard(ServerlessMysqlListener.CloseReason.DEAD);
            return;
        }
        try {
            long retries = counters.connectRetries.get();
            boolean pressureSeen = retries != connectRetriesAtLastEnd;
            connectRetriesAtLastEnd = retries;
            // behind RDS Proxy the process list and CONNECTION_ID() describe the proxy's backend connections
            if (settings.manageConnections() && !settings.rdsProxy()
                    && housekeeper.end(c.jdbc(), connector.lastUser(), System.nanoTime(), pressureSeen)) {
                counters.closesForUtilization.incrementAndGet();
                session.discard(ServerlessMysqlListener.CloseReason.UTILIZATION);
            }
        } catch (SQLException e) {
            housekeepingFailed(c, e);
        }
        // rolled back above, then only reads and KILLs: nothing is open, whatever an error reply did to the flags
        c.settled();
    }

    /** Closes the connection for good: rolls back a transaction left open; later calls fail. */
    public void quit() {
        gate.enterIgnoringLease("quit()");
        try {
            if (session.closedForGood()) {
                return;
            }
            if (session.pinned()) {
                throw new IllegalStateException("quit() was called inside a transaction callback");
            }
            releaseDataSourceConnections();
            ServerConnection c = session.current();
            int ms = budget.networkTimeoutMillis(System.nanoTime());
            if (c != null && ms > 0) {
                try {
                    c.networkTimeout(ms);
                    c.rollbackOpen();
                } catch (SQLException ignored) {
                    // closing the connection rolls back on the server anyway
                }
            }
            session.discard(ServerlessMysqlListener.CloseReason.QUIT);
            session.closeForGood();
        } finally {
            gate.exit();
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
        gate.enterIgnoringLease("dataSource()");
        try {
            if (dataSource == null) {
                dataSource = new ManagedDataSource(this, gate, session, runner, events, counters);
            }
            return dataSource;
        } finally {
            gate.exit();
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
        gate.enterIgnoringLease("a SnapStart checkpoint");
        try {
            releaseDataSourceConnections();
            ServerConnection c = session.current();
            if (c != null) {
                try {
                    c.rollbackOpen();
                } catch (SQLException ignored) {
                    // the close below rolls back on the server
                }
            }
            session.discard(ServerlessMysqlListener.CloseReason.CHECKPOINT);
            housekeeper.reset();
        } finally {
            gate.exit();
        }
    }

    /** After a SnapStart restore: reconnect lazily, with fresh figures. */
    void afterRestore() {
        gate.enterIgnoringLease("a SnapStart restore");
        try {
            session.restored();
            housekeeper.reset();
        } finally {
            gate.exit();
        }
    }

    private void housekeepingFailed(ServerConnection c, SQLException e) {
        if (Failure.ofStatement(e, c.jdbc()).kind() == Failure.Kind.LOST) {
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
