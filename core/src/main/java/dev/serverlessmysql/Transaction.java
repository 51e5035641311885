package dev.serverlessmysql;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * The statements of one transaction, all on the connection the transaction began on. A lost connection fails the
 * statement and the whole transaction with a {@link ConnectionLostException}; the client never reconnects in the
 * middle of a transaction and never carries on in autocommit. The object is valid only inside its callback.
 */
public interface Transaction {

    /** Runs a query with bound parameters; every row is a map from column label to value, in column order. */
    List<Map<String, Object>> query(String sql, Object... params);

    /** Runs a query with bound parameters and maps every row. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    /** Runs an INSERT, UPDATE, DELETE or other statement with bound parameters; returns the affected row count. */
    int update(String sql, Object... params);

    /**
     * The transaction's JDBC connection, for code that needs plain JDBC. It refuses to commit, roll back or switch
     * autocommit on (the client does that), closing it does nothing, and its statements count for the transaction: a
     * deadlock or a lost connection fails the transaction even when the callback catches the exception.
     */
    Connection connection();

    /**
     * Runs an INSERT with bound parameters and returns the AUTO_INCREMENT key it generated (the first, for several
     * rows), or 0 when it generated none.
     */
    default long insert(String sql, Object... params) {
        return updateWithKeys(sql, params).key();
    }

    /**
     * Runs a statement with bound parameters and returns the affected row count and every key it generated. The
     * client's transactions implement it; this default exists only so that other implementations still compile.
     */
    default UpdateResult updateWithKeys(String sql, Object... params) {
        throw new UnsupportedOperationException("updateWithKeys is implemented by the client's transactions");
    }
}
