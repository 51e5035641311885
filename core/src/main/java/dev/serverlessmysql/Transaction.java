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
     * The transaction's JDBC connection, for code that needs plain JDBC. Do not commit, roll back, close it or
     * change its autocommit mode: the client does that.
     */
    Connection connection();
}
