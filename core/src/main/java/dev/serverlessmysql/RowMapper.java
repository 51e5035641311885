package dev.serverlessmysql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into an object, for example {@code rs -> new User(rs.getLong("id"),
 * rs.getString("name"))}. Do not move the cursor; the client calls the mapper once per row.
 *
 * @param <T> the type of the mapped rows
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** Maps the result set's current row. */
    T map(ResultSet rs) throws SQLException;
}
