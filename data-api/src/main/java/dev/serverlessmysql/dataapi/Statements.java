package dev.serverlessmysql.dataapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.BeginTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.CommitTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.RollbackTransactionRequest;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;

/** The five Data API operations as the client uses them, each sent through the {@link Caller}'s retry loop. */
final class Statements {

    private final Settings settings;
    private final RdsDataClient rds;
    private final Caller caller;

    Statements(Settings settings, RdsDataClient rds, Caller caller) {
        this.settings = settings;
        this.rds = rds;
        this.caller = caller;
    }

    /** ExecuteStatement; with metadata for queries, whose rows are read by column type and label. */
    ExecuteStatementResponse execute(String sql, Map<String, ?> params, String txId, boolean withMetadata) {
        check(sql);
        List<SqlParameter> parameters = Parameters.of(params);
        Caller.Safety safety = SqlText.isReadOnly(sql) ? Caller.Safety.REPEATABLE : Caller.Safety.WRITE;
        return caller.call("ExecuteStatement", sql, safety, txId != null,
                o -> rds.executeStatement(with(ExecuteStatementRequest.builder().resourceArn(settings.resourceArn())
                        .secretArn(settings.secretArn()).database(settings.database()).sql(sql).parameters(parameters)
                        .transactionId(txId).includeResultMetadata(withMetadata), o).build()));
    }

    List<Map<String, Object>> query(String sql, Map<String, ?> params, String txId) {
        return Results.maps(execute(sql, params, txId, true));
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Map<String, ?> params, String txId) {
        if (mapper == null) {
            throw new IllegalArgumentException("mapper must not be null");
        }
        return Results.mapped(execute(sql, params, txId, true), mapper);
    }

    UpdateResult update(String sql, Map<String, ?> params, String txId) {
        ExecuteStatementResponse r = execute(sql, params, txId, false);
        return new UpdateResult(r.numberOfRecordsUpdated() == null ? 0 : r.numberOfRecordsUpdated(),
                Results.keys(r.hasGeneratedFields() ? r.generatedFields() : List.of()));
    }

    BatchResult batch(String sql, List<? extends Map<String, ?>> paramSets, String txId) {
        check(sql);
        if (paramSets == null || paramSets.isEmpty()) {
            throw new IllegalArgumentException("paramSets must hold at least one parameter set (the Data API runs the"
                    + " statement once per set); use update() to run a statement once");
        }
        List<List<SqlParameter>> sets = new ArrayList<>(paramSets.size());
        for (Map<String, ?> set : paramSets) {
            sets.add(Parameters.of(set));
        }
        return new BatchResult(Results.batchKeys(caller.call("BatchExecuteStatement", sql, Caller.Safety.WRITE,
                txId != null, o -> rds.batchExecuteStatement(with(BatchExecuteStatementRequest.builder()
                        .resourceArn(settings.resourceArn()).secretArn(settings.secretArn()).database(settings.database())
                        .sql(sql).parameterSets(sets).transactionId(txId), o).build())).updateResults()));
    }

    /** BeginTransaction: safe to repeat, since a transaction begun but not answered only expires. */
    String begin() {
        return caller.call("BeginTransaction", null, Caller.Safety.REPEATABLE, false,
                o -> rds.beginTransaction(with(BeginTransactionRequest.builder().resourceArn(settings.resourceArn())
                        .secretArn(settings.secretArn()).database(settings.database()), o).build())).transactionId();
    }

    void commit(String id) {
        caller.call("CommitTransaction", null, Caller.Safety.WRITE, true,
                o -> rds.commitTransaction(with(CommitTransactionRequest.builder().resourceArn(settings.resourceArn())
                        .secretArn(settings.secretArn()).transactionId(id), o).build()));
    }

    void rollback(String id) {
        caller.call("RollbackTransaction", null, Caller.Safety.REPEATABLE, true,
                o -> rds.rollbackTransaction(with(RollbackTransactionRequest.builder().resourceArn(settings.resourceArn())
                        .secretArn(settings.secretArn()).transactionId(id), o).build()));
    }

    private static <B extends AwsRequest.Builder> B with(B builder, AwsRequestOverrideConfiguration override) {
        if (override != null) {
            builder.overrideConfiguration(override);
        }
        return builder;
    }

    private static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must be a non-blank SQL statement, was " + (sql == null ? "null" : "blank"));
        }
    }
}
