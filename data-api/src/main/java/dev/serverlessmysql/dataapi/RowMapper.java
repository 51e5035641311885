package dev.serverlessmysql.dataapi;

/**
 * Turns one row into an object, for example {@code rs -> new User(rs.getLong("id"), rs.getString("name"))}: the
 * same lambda as for the core client's JDBC {@code RowMapper}, read through {@link Row}'s JDBC-style getters.
 *
 * @param <T> the type of the mapped rows
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** Maps one row. */
    T map(Row row);
}
