package dev.serverlessmysql.dataapi;

import java.util.List;
import java.util.Map;

/** The {@link Transaction} a callback runs in: its id on every call, usable only by the callback's thread while it runs. */
final class TransactionScope implements Transaction {

    private final Statements statements;
    private final String id;
    private final Thread owner;
    private volatile boolean ended;

    TransactionScope(Statements statements, String id, Thread owner) {
        this.statements = statements;
        this.id = id;
        this.owner = owner;
    }

    void end() {
        ended = true;
    }

    private String use() {
        if (ended) {
            throw new IllegalStateException("This transaction has ended: use its Transaction only inside its callback");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("A transaction can be used only by the thread that runs its callback");
        }
        return id;
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, ?> params) {
        return statements.query(sql, params, use());
    }

    @Override
    public List<Map<String, Object>> query(String sql) {
        return query(sql, (Map<String, ?>) null);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Map<String, ?> params) {
        return statements.query(sql, mapper, params, use());
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        return query(sql, mapper, null);
    }

    @Override
    public UpdateResult update(String sql, Map<String, ?> params) {
        return statements.update(sql, params, use());
    }

    @Override
    public UpdateResult update(String sql) {
        return update(sql, null);
    }

    @Override
    public BatchResult batch(String sql, List<? extends Map<String, ?>> paramSets) {
        return statements.batch(sql, paramSets, use());
    }

    @Override
    public String id() {
        return use();
    }

    /** The id for statements of the client made on the callback's thread. */
    String idForClient() {
        return id;
    }

    @Override
    public String toString() {
        return "Transaction[" + id + (ended ? ", ended" : "") + "]";
    }
}
