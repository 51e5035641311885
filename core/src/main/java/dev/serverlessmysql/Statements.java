package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one statement on a given connection with bound parameters, nothing more: no retry, no lock. Values reach the
 * server only through {@link PreparedStatement} parameters.
 */
final class Statements {

    /** Set when a row has been handed to a caller's {@link RowMapper}; then a failed query is never re-run. */
    private boolean delivered;

    boolean delivered() {
        return delivered;
    }

    /**
     * Runs a query; a null mapper gives every row as a map from column label to value, in column order. A
     * {@link Sql#READ_ONLY} statement always gives a result set and runs through {@code executeQuery()}: MySQL
     * Connector/J's {@code execute()} scans the text again at every call to check it against a read-only connection,
     * a check a read cannot fail. Anything else may give no result set, so it runs through {@code execute()}.
     */
    <T> List<T> query(Connection c, String sql, int traits, Object[] params, RowMapper<T> mapper)
            throws SQLException {
        delivered = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, sql, params);
            if ((traits & Sql.READ_ONLY) != 0) {
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(rs, mapper);
                }
            }
            if (!ps.execute()) {
                return Collections.emptyList();
            }
            try (ResultSet rs = ps.getResultSet()) {
                return rows(rs, mapper);
            }
        }
    }

    private <T> List<T> rows(ResultSet rs, RowMapper<T> mapper) throws SQLException {
        return mapper == null ? maps(rs) : mapped(rs, mapper);
    }

    int update(Connection c, String sql, Object[] params) throws SQLException {
        delivered = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, sql, params);
            return ps.executeUpdate();
        }
    }

    /** Runs a statement and collects the keys it generated, in the order the driver reports them. */
    UpdateResult updateWithKeys(Connection c, String sql, Object[] params) throws SQLException {
        delivered = false;
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, sql, params);
            int count = ps.executeUpdate();
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs != null && rs.next()) {
                    long key = rs.getLong(1);
                    if (!rs.wasNull() && key != 0) {
                        keys.add(key);
                    }
                }
            }
            return new UpdateResult(count, keys);
        }
    }

    private <T> List<T> mapped(ResultSet rs, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
            delivered = true;
            rows.add(mapper.map(rs));
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> maps(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
        }
        int capacity = (int) (n / 0.75f) + 1;
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>(capacity);
            for (int i = 0; i < n; i++) {
                row.put(labels[i], rs.getObject(i + 1));
            }
            rows.add(row);
        }
        return (List<T>) rows;
    }

    private static void bind(PreparedStatement ps, String sql, Object[] params) throws SQLException {
        if (params == null || params.length == 0) {
            return;
        }
        int expected = Sql.placeholderCount(sql);
        if (expected != params.length) {
            throw new SQLException("The statement has " + expected + (expected == 1 ? " placeholder" : " placeholders")
                    + " but " + params.length + (params.length == 1 ? " value was" : " values were") + " given",
                    "07001");
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Enum<?>) {
                ps.setString(i + 1, ((Enum<?>) p).name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Checks the SQL text before any work; a null or blank statement is a programming error. */
    static void check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must be a non-blank SQL statement, was "
                    + (sql == null ? "null" : "blank"));
        }
    }
}
