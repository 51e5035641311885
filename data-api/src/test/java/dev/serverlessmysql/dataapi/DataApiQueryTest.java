package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.ServerlessMysqlException;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.MySqlTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rdsdata.model.Field;

/** The client's statements against the local Data API: the core client's query tests, over HTTP. */
@MySqlTest(dataApi = true)
@Timeout(60)
class DataApiQueryTest {

    private final DataApiEndpoint endpoint;
    private DataApiClient client;

    DataApiQueryTest(DataApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    record Person(long id, String name) {
    }

    private enum Color { RED }

    @BeforeEach
    void setUp() {
        client = LocalEndpoint.client(endpoint).build();
        client.update("CREATE TABLE IF NOT EXISTS people (id BIGINT PRIMARY KEY, name VARCHAR(50))");
        client.update("DELETE FROM people");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void queriesUpdatesAndMappers() {
        assertEquals(1, client.update("INSERT INTO people (id, name) VALUES (:id, :name)", Map.of("id", 1, "name", "Ada")).count());
        Map<String, Object> two = new HashMap<>();
        two.put("a", 2);
        two.put("b", "Bob");
        two.put("c", 3);
        two.put("d", null);
        assertEquals(2, client.update("INSERT INTO people (id, name) VALUES (:a, :b), (:c, :d)", two).count());
        List<Map<String, Object>> rows = client.query("SELECT id, name FROM people WHERE id <= :max ORDER BY id", Map.of("max", 2));
        assertEquals(2, rows.size());
        assertEquals(List.of("id", "name"), new ArrayList<>(rows.get(0).keySet()), "columns in order");
        assertEquals("Ada", rows.get(0).get("name"));
        assertEquals(1L, rows.get(0).get("id"), "BIGINT as Long, as MySQL Connector/J returns it");

        List<Person> people = client.query("SELECT id, name FROM people ORDER BY id",
                rs -> new Person(rs.getLong("id"), rs.getString("name")));
        assertEquals(List.of(new Person(1, "Ada"), new Person(2, "Bob"), new Person(3, null)), people);
        assertEquals(List.of(1L, 2L, 3L), client.query("SELECT id FROM people ORDER BY id", rs -> rs.getLong(1)),
                "columns by 1-based index, as in JDBC");
        assertNull(client.query("SELECT name FROM people WHERE id = :id", Map.of("id", 3)).get(0).get("name"));
        assertEquals(1, client.query("SELECT id FROM people WHERE name IS NULL").size());
        assertTrue(client.query("SELECT id FROM people WHERE id = :id", Map.of("id", 99)).isEmpty());
        assertEquals(3, client.update("UPDATE people SET name = :n WHERE id > :id", Map.of("n", "x", "id", 0)).count());
        assertTrue(client.query("UPDATE people SET name = 'y' WHERE id = 1").isEmpty(), "no rows from a statement without a result");
        assertEquals(0, client.stats().errors());
    }

    @Test
    void everyJavaParameterTypeRoundTripsThroughItsColumn() {
        client.update("CREATE TABLE IF NOT EXISTS typed (id INT AUTO_INCREMENT PRIMARY KEY, s VARCHAR(20), c CHAR(1),"
                + " i INT, l BIGINT, sh SMALLINT, tiny TINYINT, bi DECIMAL(30,0), d DOUBLE, f FLOAT, dec_v DECIMAL(10,4),"
                + " flag BOOLEAN, b VARBINARY(10), day DATE, t TIME(6), ts DATETIME(6), inst DATETIME(3), odt DATETIME,"
                + " uid CHAR(36), j JSON, e VARCHAR(10), n VARCHAR(5), iu INT UNSIGNED, bu BIGINT UNSIGNED, y YEAR)");
        client.update("DELETE FROM typed");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("s", "text ✓");
        p.put("c", 'x');
        p.put("i", Integer.MIN_VALUE);
        p.put("l", Long.MAX_VALUE);
        p.put("sh", (short) -7);
        p.put("tiny", (byte) 5);
        p.put("bi", new BigInteger("123456789012345678901234567890"));
        p.put("d", 0.1 + 0.2);
        p.put("f", 1.25f);
        p.put("dec", new BigDecimal("-12.3400"));
        p.put("flag", true);
        p.put("b", new byte[] {1, 2, 3});
        p.put("day", LocalDate.of(2024, 2, 29));
        p.put("t", LocalTime.of(23, 59, 58, 123_456_000));
        p.put("ts", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000));
        p.put("inst", Instant.parse("2024-05-06T07:08:09.123Z"));
        p.put("odt", OffsetDateTime.of(2024, 5, 6, 9, 8, 9, 0, ZoneOffset.ofHours(2)));
        p.put("uid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        p.put("j", Json.of("{\"k\": [1, 2]}"));
        p.put("e", Color.RED);
        p.put("n", null);
        p.put("iu", 4_000_000_000L);
        p.put("bu", new BigInteger("18446744073709551615"));
        p.put("y", 2024);
        long id = client.update("INSERT INTO typed (s, c, i, l, sh, tiny, bi, d, f, dec_v, flag, b, day, t, ts, inst, odt, uid,"
                + " j, e, n, iu, bu, y) VALUES (:s, :c, :i, :l, :sh, :tiny, :bi, :d, :f, :dec, :flag, :b, :day, :t, :ts,"
                + " :inst, :odt, :uid, :j, :e, :n, :iu, :bu, :y)", p).generatedKey();
        Map<String, Object> row = client.query("SELECT * FROM typed WHERE id = :id", Map.of("id", id)).get(0);
        assertEquals((int) id, row.get("id"));
        assertEquals("text ✓", row.get("s"));
        assertEquals("x", row.get("c"));
        assertEquals(Integer.MIN_VALUE, row.get("i"));
        assertEquals(Long.MAX_VALUE, row.get("l"));
        assertEquals(-7, row.get("sh"));
        assertEquals(new BigDecimal("123456789012345678901234567890"), row.get("bi"));
        assertEquals(0.1 + 0.2, row.get("d"));
        assertEquals(1.25f, row.get("f"));
        assertEquals(new BigDecimal("-12.3400"), row.get("dec_v"), "scale kept");
        assertEquals(Boolean.TRUE, row.get("flag"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row.get("b"));
        assertEquals(LocalDate.of(2024, 2, 29), row.get("day"));
        assertEquals(LocalTime.of(23, 59, 58, 123_456_000), row.get("t"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000), row.get("ts"));
        assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000), row.get("inst"), "an Instant is stored in UTC");
        assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 9), row.get("odt"), "an offset time is stored in UTC");
        assertEquals("123e4567-e89b-12d3-a456-426614174000", row.get("uid"));
        assertTrue(String.valueOf(row.get("j")).replace(" ", "").equals("{\"k\":[1,2]}"), String.valueOf(row.get("j")));
        assertEquals("RED", row.get("e"));
        assertNull(row.get("n"));
        assertEquals(4_000_000_000L, row.get("iu"), "INT UNSIGNED as Long");
        assertEquals(new BigInteger("18446744073709551615"), row.get("bu"), "BIGINT UNSIGNED as BigInteger");
        assertEquals(2024, row.get("y"));
    }

    @Test
    void rowGettersConvertLikeJdbc() {
        client.update("INSERT INTO people (id, name) VALUES (7, '42')");
        client.update("INSERT INTO people (id, name) VALUES (8, NULL)");
        List<String> seen = client.query("SELECT id, name, id * 1.5 AS half, id > 7 AS big FROM people ORDER BY id", rs -> {
            String s = rs.getInt("id") + "/" + rs.getLong("name") + "/" + rs.wasNull() + "/" + rs.getDouble("half") + "/"
                    + rs.getBigDecimal("half") + "/" + rs.getBoolean("big") + "/" + rs.getString(1)
                    + "/" + rs.getObject("id", Long.class) + "/" + rs.labels();
            return s;
        });
        assertEquals(List.of("7/42/false/10.5/10.5/false/7/7/[id, name, half, big]",
                "8/0/true/12.0/12.0/true/8/8/[id, name, half, big]"), seen);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> client.query("SELECT id FROM people", rs -> rs.getLong("nope")));
        assertTrue(unknown.getMessage().contains("[id]"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.query("SELECT id FROM people", rs -> rs.getLong(2)));
    }

    @Test
    void sqlErrorsKeepTheMysqlErrorCodeAndTheServicesError() {
        DataApiException e = assertThrows(DataApiException.class, () -> client.query("SELECT * FROM no_such_table"));
        assertEquals(1146, e.getErrorCode());
        assertEquals("DatabaseErrorException", e.errorType());
        assertEquals(400, e.statusCode());
        assertFalse(e.outcomeUnknown());
        assertInstanceOf(ServerlessMysqlException.class, e, "the core client's error type, so handlers work on both");
        assertInstanceOf(AwsServiceException.class, e.getCause());
        assertTrue(e.getMessage().contains("no_such_table") && e.getMessage().contains("MySQL error 1146")
                && e.getMessage().contains("Statement: SELECT * FROM no_such_table"), e.getMessage());

        assertEquals(1064, assertThrows(DataApiException.class, () -> client.query("SELEKT 1")).getErrorCode());
        client.update("INSERT INTO people (id, name) VALUES (:id, :n)", Map.of("id", 7, "n", "x"));
        DataApiException dup = assertThrows(DataApiException.class,
                () -> client.update("INSERT INTO people (id, name) VALUES (:id, :n)", Map.of("id", 7, "n", "dup")));
        assertEquals(1062, dup.getErrorCode());
        assertEquals(3, client.stats().errors());
        assertEquals(0, client.stats().retries(), "an SQL error is never retried");
    }

    @Test
    void badParametersGiveClearErrorsBeforeAnyCall() {
        long calls = endpoint.calls();
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class,
                () -> client.query("SELECT * FROM people WHERE id IN (:ids)", Map.of("ids", List.of(1, 2))));
        assertTrue(list.getMessage().contains("array parameters"), list.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> client.query("SELECT :x", Map.of("x", new Object())));
        assertTrue(type.getMessage().contains("unsupported type java.lang.Object"), type.getMessage());
        IllegalArgumentException colon = assertThrows(IllegalArgumentException.class,
                () -> client.query("SELECT :x", Map.of(":x", 1)));
        assertTrue(colon.getMessage().contains("leave out the colon"), colon.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.query("SELECT :x", Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> client.query(" "));
        assertThrows(IllegalArgumentException.class, () -> client.batch("INSERT INTO people (id) VALUES (:id)", List.of()));
        assertEquals(calls, endpoint.calls(), "nothing was sent");

        DataApiException missing = assertThrows(DataApiException.class, () -> client.query("SELECT :a + :b", Map.of("a", 1)));
        assertEquals("BadRequestException", missing.errorType());
        assertEquals(2, client.query("SELECT :a + :b AS s", Map.of("a", 1, "b", 1)).get(0).get("s"), "the client still works");
    }

    @Test
    void anSdkFieldPassesThroughAsItIs() {
        assertEquals("raw", client.query("SELECT :f AS f", Map.of("f", Field.builder().stringValue("raw").build())).get(0).get("f"));
    }

    @Test
    void batchRunsOncePerSetAndReportsTheGeneratedKeys() {
        client.update("CREATE TABLE IF NOT EXISTS seq (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        List<Map<String, Object>> sets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sets.add(Map.of("v", "v" + i));
        }
        BatchResult r = client.batch("INSERT INTO seq (v) VALUES (:v)", sets);
        assertEquals(5, r.size());
        List<Long> keys = r.generatedKeys();
        assertEquals(5, keys.size());
        for (int i = 1; i < 5; i++) {
            assertEquals(keys.get(0) + i, keys.get(i));
        }
        assertEquals(List.of(keys.get(2)), r.generatedKeysPerSet().get(2));
        assertEquals(5, client.query("SELECT v FROM seq WHERE id >= :first", Map.of("first", keys.get(0))).size());

        UpdateResult none = client.update("UPDATE seq SET v = 'x' WHERE id = -1");
        assertEquals(0, none.count());
        assertThrows(IllegalStateException.class, none::generatedKey);
    }
}
