package dev.serverlessmysql.test.dataapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The five operations, each from its parsed request to its response body: checks the target and the request
 * against the service model, applies the fault switches, and runs the SQL on a borrowed session (autocommit) or on
 * the transaction's own session, bounded by the statement timeout (45 s on the service).
 */
final class Operations {

    /** Where the SQL of one call runs. */
    @FunctionalInterface
    private interface Work {
        JsonObject run(Connection c) throws SQLException;
    }

    private final Target target;
    private final Connections connections;
    private final Transactions transactions;
    private final Faults faults;
    private final ExecutorService workers;
    private volatile Duration statementTimeout = Duration.ofSeconds(45);

    Operations(Target target, Connections connections, Transactions transactions, Faults faults, ExecutorService workers) {
        this.target = target;
        this.connections = connections;
        this.transactions = transactions;
        this.faults = faults;
        this.workers = workers;
    }

    void statementTimeout(Duration timeout) {
        this.statementTimeout = timeout;
    }

    JsonObject execute(Request r) {
        target.check(r);
        String sql = r.requiredString("sql", 0, 65536);
        String database = database(r);
        String txId = r.optionalString("transactionId", 192);
        Results.Options options = options(r);
        boolean continueAfterTimeout = r.flag("continueAfterTimeout");
        Parameters parameters = Parameters.parse(r.array("parameters"));
        NamedSql named = NamedSql.parse(sql);
        faults.check(txId != null, target.resourceArn());
        return run(txId, database, continueAfterTimeout, c -> {
            try (PreparedStatement ps = c.prepareStatement(named.jdbcSql(), Statement.RETURN_GENERATED_KEYS)) {
                parameters.bind(ps, named);
                JsonObject out = new JsonObject();
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        Results.encode(rs, options, out);
                    }
                    out.addProperty("numberOfRecordsUpdated", 0);
                } else {
                    out.addProperty("numberOfRecordsUpdated", Math.max(0, ps.getUpdateCount()));
                    out.add("generatedFields", generated(ps));
                }
                return out;
            }
        });
    }

    JsonObject batchExecute(Request r) {
        target.check(r);
        String sql = r.requiredString("sql", 0, 65536);
        String database = database(r);
        String txId = r.optionalString("transactionId", 192);
        List<Parameters> sets = new ArrayList<>();
        JsonArray given = r.array("parameterSets");
        if (given != null) {
            for (JsonElement set : given) {
                if (!set.isJsonArray()) {
                    throw ApiError.badRequest("Every entry of parameterSets must be a list of parameters");
                }
                sets.add(Parameters.parse(set.getAsJsonArray()));
            }
        }
        NamedSql named = NamedSql.parse(sql);
        faults.check(txId != null, target.resourceArn());
        return run(txId, database, false, c -> {
            JsonArray results = new JsonArray();
            try (PreparedStatement ps = c.prepareStatement(named.jdbcSql(), Statement.RETURN_GENERATED_KEYS)) {
                for (Parameters set : sets) {
                    set.bind(ps, named);
                    JsonObject result = new JsonObject();
                    if (ps.execute()) {
                        ps.getResultSet().close();
                        result.add("generatedFields", new JsonArray());
                    } else {
                        result.add("generatedFields", generated(ps));
                    }
                    results.add(result);
                }
            }
            JsonObject out = new JsonObject();
            out.add("updateResults", results);
            return out;
        });
    }

    JsonObject begin(Request r) {
        target.check(r);
        String database = database(r);
        faults.check(false, target.resourceArn());
        JsonObject out = new JsonObject();
        try {
            out.addProperty("transactionId", transactions.begin(database));
        } catch (SQLException e) {
            throw sqlError(e);
        }
        return out;
    }

    JsonObject commit(Request r) {
        return end(r, true, "Transaction Committed");
    }

    JsonObject rollback(Request r) {
        return end(r, false, "Rollback Complete");
    }

    private JsonObject end(Request r, boolean commit, String status) {
        target.check(r);
        String id = r.requiredString("transactionId", 0, 192);
        faults.check(true, target.resourceArn());
        Transactions.Tx tx = transactions.use(id);
        try {
            transactions.end(tx, commit, Transactions.ENDED);
        } catch (SQLException e) {
            throw sqlError(e);
        } finally {
            transactions.done(tx);
        }
        JsonObject out = new JsonObject();
        out.addProperty("transactionStatus", status);
        return out;
    }

    private static String database(Request r) {
        if (r.optionalString("schema", 64) != null) {
            throw ApiError.badRequest("The schema parameter isn't supported for Aurora MySQL; name the database"
                    + " with 'database' instead");
        }
        return r.optionalString("database", 64);
    }

    private static Results.Options options(Request r) {
        boolean metadata = r.flag("includeResultMetadata");
        boolean json = "JSON".equals(r.enumValue("formatRecordsAs", "NONE", "NONE", "JSON"));
        Request rso = r.object("resultSetOptions");
        boolean decimalAsNumber = rso != null
                && "DOUBLE_OR_LONG".equals(rso.enumValue("decimalReturnType", "STRING", "STRING", "DOUBLE_OR_LONG"));
        boolean longAsString = rso != null && "STRING".equals(rso.enumValue("longReturnType", "LONG", "STRING", "LONG"));
        return new Results.Options(metadata, json, decimalAsNumber, longAsString);
    }

    private static JsonArray generated(PreparedStatement ps) throws SQLException {
        JsonArray fields = new JsonArray();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            while (keys.next()) {
                fields.add(Results.generatedField(keys));
            }
        }
        return fields;
    }

    /**
     * Runs {@code work} in autocommit on a borrowed session, or on the transaction's session; an SQL error inside a
     * transaction rolls it back and ends it. The caller waits at most the statement timeout.
     */
    private JsonObject run(String txId, String database, boolean continueAfterTimeout, Work work) {
        Connections.Lease lease;
        Callable<JsonObject> job;
        if (txId == null) {
            try {
                lease = connections.acquire(database);
            } catch (SQLException e) {
                throw sqlError(e);
            }
            Connections.Lease borrowed = lease;
            job = () -> {
                try {
                    return work.run(borrowed.connection);
                } finally {
                    connections.release(borrowed);
                }
            };
        } else {
            Transactions.Tx tx = transactions.use(txId);
            lease = tx.lease;
            job = () -> {
                try {
                    return work.run(tx.lease.connection);
                } catch (SQLException e) {
                    try {
                        transactions.end(tx, false, Transactions.ABORTED);
                    } catch (SQLException rollbackFailed) {
                        e.addSuppressed(rollbackFailed);
                    }
                    throw e;
                } finally {
                    transactions.done(tx);
                }
            };
        }
        Future<JsonObject> result = workers.submit(job);
        try {
            return result.get(statementTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (!continueAfterTimeout) {
                cancel(lease, result);
            }
            throw ApiError.timeout(lease.connectionId);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiError) {
                throw (ApiError) cause;
            }
            if (cause instanceof SQLException) {
                throw sqlError((SQLException) cause);
            }
            throw ApiError.internal("The local Data API failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw ApiError.internal("The local Data API was interrupted");
        }
    }

    /** Stops the statement on the server (KILL QUERY) and waits for its session to be free again. */
    private static void cancel(Connections.Lease lease, Future<JsonObject> result) {
        try {
            lease.connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
            result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // the statement failed with "query execution was interrupted", as intended
        } catch (SQLException | TimeoutException e) {
            result.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An SQL error as the service answers it: a lost or refused session is the database being unavailable. */
    private static ApiError sqlError(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return ApiError.unavailable("The database is not reachable: " + e.getMessage());
        }
        return ApiError.database(e);
    }
}
