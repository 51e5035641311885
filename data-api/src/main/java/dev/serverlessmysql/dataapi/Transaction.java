package dev.serverlessmysql.dataapi;

import java.util.List;
import java.util.Map;

/**
 * The statements of one Data API transaction: each call carries its transaction id. An SQL error inside a
 * transaction makes the service abort it, so the transaction fails as a whole; the object is valid only inside its
 * callback and only on the thread that runs it.
 */
public interface Transaction {

    /** Runs a query; every row is a map from column label to value, in column order. */
    List<Map<String, Object>> query(String sql, Map<String, ?> params);

    /** Runs a query without parameters. */
    List<Map<String, Object>> query(String sql);

    /** Runs a query and maps every row. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Map<String, ?> params);

    /** Runs a query without parameters and maps every row. */
    <T> List<T> query(String sql, RowMapper<T> mapper);

    /** Runs an INSERT, UPDATE, DELETE or other statement; returns the affected row count and the generated keys. */
    UpdateResult update(String sql, Map<String, ?> params);

    /** Runs a statement without parameters. */
    UpdateResult update(String sql);

    /** Runs one statement once per parameter set, in one call. */
    BatchResult batch(String sql, List<? extends Map<String, ?>> paramSets);

    /** The Data API transaction id, for plain SDK calls that should join the transaction. */
    String id();
}
