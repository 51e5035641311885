package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlException;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The same SQL through the core client (JDBC, MySQL Connector/J) and through the Data API client: the same rows, the
 * same Java types (java.sql dates and times compared as the java.time values they stand for), the same error codes.
 */
@MySqlTest(dataApi = true)
@Timeout(60)
class BothTransportsTest {

    private static ServerlessMysql jdbc;
    private static DataApiClient dataApi;

    @BeforeAll
    static void clients(MySqlDatabase db, DataApiEndpoint endpoint) {
        jdbc = ServerlessMysql.builder().jdbcUrl(db.jdbcUrl("mysql")).user(db.user()).password(db.password()).build();
        dataApi = LocalEndpoint.client(endpoint).build();
        jdbc.update("CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(50) NOT NULL,"
                + " total DECIMAL(10,2), qty SMALLINT, weight DOUBLE, ratio FLOAT, paid BOOLEAN, placed DATE,"
                + " shipped DATETIME, changed TIMESTAMP NULL, slot TIME, note TEXT, tags JSON, code VARBINARY(8),"
                + " big BIGINT, counter INT UNSIGNED, huge BIGINT UNSIGNED, tiny TINYINT, flags BIT(1))");
        jdbc.update("INSERT INTO orders (customer, total, qty, weight, ratio, paid, placed, shipped, changed, slot, note,"
                + " tags, code, big, counter, huge, tiny, flags) VALUES"
                + " ('Ada', 12.50, 3, 1.25, 0.5, TRUE, '2024-01-02', '2024-01-02 10:11:12', '2024-01-03 00:00:01',"
                + " '08:30:00', 'first', '[\"a\", \"b\"]', X'CAFE', 9007199254740993, 4000000000, 18446744073709551615, -5, b'1'),"
                + " ('Bob', NULL, NULL, NULL, NULL, FALSE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, b'0'),"
                + " ('Cy', 0.01, 1, -0.5, 2.75, NULL, '1999-12-31', '1999-12-31 23:59:59', NULL, '23:59:59', '', '{}', X'00',"
                + " -1, 0, 1, 127, NULL)");
    }

    @AfterAll
    static void close() {
        jdbc.quit();
        dataApi.close();
    }

    @Test
    void everyColumnTypeGivesTheSameRowsOnBothTransports() {
        same("SELECT * FROM orders ORDER BY id");
    }

    @Test
    void expressionsAggregatesAndAliasesGiveTheSameRows() {
        same("SELECT customer AS who, total * 2 AS doubled, qty + 1 AS more, CONCAT(customer, '!') AS shout FROM orders ORDER BY id");
        same("SELECT COUNT(*) AS n, SUM(qty) AS items, MAX(total) AS top, MIN(placed) AS first_day, AVG(weight) AS w FROM orders");
        same("SELECT paid, COUNT(*) AS n FROM orders GROUP BY paid ORDER BY paid");
        same("SELECT 1 AS one, 'x' AS letter, NULL AS nothing, 2.5 AS half, CAST('2024-02-29' AS DATE) AS leap");
        same("SELECT id FROM orders WHERE id < 0");
    }

    @Test
    void parametersGiveTheSameRows() {
        assertEquals(normalized(jdbc.query("SELECT customer, total FROM orders WHERE total >= ? AND placed > ? ORDER BY id",
                        new java.math.BigDecimal("0.01"), java.time.LocalDate.of(1990, 1, 1))),
                normalized(dataApi.query("SELECT customer, total FROM orders WHERE total >= :min AND placed > :after ORDER BY id",
                        Map.of("min", new java.math.BigDecimal("0.01"), "after", java.time.LocalDate.of(1990, 1, 1)))));
    }

    @Test
    void rowMappersReadTheSameOnBothTransports() {
        List<String> viaJdbc = jdbc.query("SELECT id, customer, total FROM orders ORDER BY id",
                rs -> rs.getLong("id") + ":" + rs.getString("customer") + ":" + rs.getBigDecimal("total"));
        List<String> viaDataApi = dataApi.query("SELECT id, customer, total FROM orders ORDER BY id",
                rs -> rs.getLong("id") + ":" + rs.getString("customer") + ":" + rs.getBigDecimal("total"));
        assertEquals(viaJdbc, viaDataApi);
        assertEquals(List.of("1:Ada:12.50", "2:Bob:null", "3:Cy:0.01"), viaDataApi);
    }

    @Test
    void errorsCarryTheSameMysqlErrorCode() {
        for (String sql : List.of("SELECT * FROM no_such_table", "SELECT * FROM orders WHERE nope = 1", "INSERT INTO orders (id, customer) VALUES (1, 'dup')",
                "INSERT INTO orders (customer) VALUES (NULL)")) {
            boolean read = sql.startsWith("SELECT");
            Executable onJdbc = read ? () -> jdbc.query(sql) : () -> jdbc.update(sql);
            Executable onDataApi = read ? () -> dataApi.query(sql) : () -> dataApi.update(sql);
            ServerlessMysqlException viaJdbc = assertThrows(ServerlessMysqlException.class, onJdbc);
            ServerlessMysqlException viaDataApi = assertThrows(ServerlessMysqlException.class, onDataApi);
            assertTrue(viaJdbc.getErrorCode() > 0, sql);
            assertEquals(viaJdbc.getErrorCode(), viaDataApi.getErrorCode(), sql);
        }
    }

    private static void same(String sql) {
        List<Map<String, Object>> viaJdbc = normalized(jdbc.query(sql));
        List<Map<String, Object>> viaDataApi = normalized(dataApi.query(sql));
        assertEquals(viaJdbc, viaDataApi, sql);
        for (int r = 0; r < viaJdbc.size(); r++) {
            assertEquals(new ArrayList<>(viaJdbc.get(r).keySet()), new ArrayList<>(viaDataApi.get(r).keySet()), "column order");
        }
    }

    /** Rows with java.sql dates and times as java.time values, bytes as hex, and each value tagged with its type. */
    private static List<Map<String, Object>> normalized(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> n = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                Object value = v instanceof java.sql.Timestamp ? ((java.sql.Timestamp) v).toLocalDateTime()
                        : v instanceof java.sql.Date ? ((java.sql.Date) v).toLocalDate()
                        : v instanceof java.sql.Time ? ((java.sql.Time) v).toLocalTime()
                        : v instanceof byte[] ? HexFormat.of().formatHex((byte[]) v) : v;
                n.put(k, value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
            });
            out.add(n);
        }
        return out;
    }
}
