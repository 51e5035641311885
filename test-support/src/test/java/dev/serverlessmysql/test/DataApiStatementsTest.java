package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.SdkClients.longValue;
import static dev.serverlessmysql.test.SdkClients.param;
import static dev.serverlessmysql.test.SdkClients.run;
import static dev.serverlessmysql.test.SdkClients.statement;
import static dev.serverlessmysql.test.SdkClients.stringValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.DecimalReturnType;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.LongReturnType;
import software.amazon.awssdk.services.rdsdata.model.RecordsFormatType;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.TypeHint;

/** ExecuteStatement and BatchExecuteStatement through the plain AWS SDK: every Field type, hint and result option. */
@MySqlTest(dataApi = true)
@Timeout(60)
class DataApiStatementsTest {

    private static RdsDataClient client;
    private final DataApiEndpoint endpoint;
    private final MySqlDatabase db;

    DataApiStatementsTest(DataApiEndpoint endpoint, MySqlDatabase db) {
        this.endpoint = endpoint;
        this.db = db;
    }

    @BeforeAll
    static void connect(DataApiEndpoint endpoint) {
        client = SdkClients.noRetries(endpoint);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void tables() {
        run(client, endpoint, "DROP TABLE IF EXISTS everything");
        run(client, endpoint, "CREATE TABLE everything (id BIGINT AUTO_INCREMENT PRIMARY KEY, s VARCHAR(100), n INT,"
                + " big BIGINT, u BIGINT UNSIGNED, d DOUBLE, f FLOAT, dec_v DECIMAL(12,3), flag BOOLEAN, bits BIT(1),"
                + " b VARBINARY(100), day DATE, t TIME(3), ts DATETIME(3), stamp TIMESTAMP NULL, j JSON, uid CHAR(36),"
                + " y YEAR, txt TEXT)");
    }

    @Test
    void everyParameterTypeIsBoundAndEveryColumnTypeComesBackAsItsField() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        ExecuteStatementResponse insert = run(client, endpoint, "INSERT INTO everything (s, n, big, u, d, f, dec_v, flag,"
                + " bits, b, day, t, ts, stamp, j, uid, y, txt) VALUES (:s, :n, :big, :u, :d, :f, :dec, :flag, :bits, :b,"
                + " :day, :t, :ts, :stamp, :j, :uid, :y, :txt)",
                param("s", stringValue("Ada ❤")), param("n", longValue(-42)), param("big", longValue(Long.MAX_VALUE)),
                param("u", stringValue("18446744073709551615"), "DECIMAL"),
                param("d", Field.builder().doubleValue(2.5).build()), param("f", Field.builder().doubleValue(1.5).build()),
                param("dec", stringValue("12345.678"), "DECIMAL"), param("flag", Field.builder().booleanValue(true).build()),
                param("bits", Field.builder().booleanValue(false).build()),
                param("b", Field.builder().blobValue(SdkBytes.fromByteArray(bytes)).build()),
                param("day", stringValue("2024-02-29"), "DATE"), param("t", stringValue("13:14:15.123"), "TIME"),
                param("ts", stringValue("2024-02-29 13:14:15.678"), "TIMESTAMP"),
                param("stamp", Field.builder().isNull(true).build()),
                param("j", stringValue("{\"a\": [1, 2]}"), "JSON"),
                param("uid", stringValue("123e4567-e89b-12d3-a456-426614174000"), "UUID"),
                param("y", longValue(2024)), param("txt", stringValue("x".repeat(1000))));
        assertEquals(1L, insert.numberOfRecordsUpdated());
        assertEquals(1, insert.generatedFields().size());
        long id = insert.generatedFields().get(0).longValue();
        assertTrue(id > 0);

        ExecuteStatementResponse select = client.executeStatement(statement(endpoint, "SELECT id, s, n, big, u, d, f,"
                + " dec_v, flag, bits, b, day, t, ts, stamp, j, uid, y, txt FROM everything WHERE id = :id",
                param("id", longValue(id))).includeResultMetadata(true).build());
        assertEquals(1, select.records().size());
        List<Field> row = select.records().get(0);
        assertEquals(id, row.get(0).longValue());
        assertEquals("Ada ❤", row.get(1).stringValue());
        assertEquals(-42L, row.get(2).longValue());
        assertEquals(Long.MAX_VALUE, row.get(3).longValue());
        assertEquals("18446744073709551615", row.get(4).stringValue(), "beyond a long, as text");
        assertEquals(2.5, row.get(5).doubleValue());
        assertEquals(1.5, row.get(6).doubleValue());
        assertEquals("12345.678", row.get(7).stringValue(), "DECIMAL as text by default");
        assertEquals(Boolean.TRUE, row.get(8).booleanValue());
        assertEquals(Boolean.FALSE, row.get(9).booleanValue());
        assertArrayEquals(bytes, row.get(10).blobValue().asByteArray());
        assertEquals("2024-02-29", row.get(11).stringValue());
        assertEquals("13:14:15.123", row.get(12).stringValue());
        assertEquals("2024-02-29 13:14:15.678", row.get(13).stringValue());
        assertEquals(Boolean.TRUE, row.get(14).isNull());
        assertTrue(row.get(15).stringValue().replace(" ", "").contains("\"a\":[1,2]"), row.get(15).stringValue());
        assertEquals("123e4567-e89b-12d3-a456-426614174000", row.get(16).stringValue());
        assertEquals(2024L, row.get(17).longValue());
        assertEquals(1000, row.get(18).stringValue().length());
        assertEquals(0L, select.numberOfRecordsUpdated());

        List<ColumnMetadata> meta = select.columnMetadata();
        assertEquals(19, meta.size());
        assertEquals(List.of("id", "s", "n", "big", "u", "d", "f", "dec_v", "flag", "bits", "b", "day", "t", "ts", "stamp",
                "j", "uid", "y", "txt"), meta.stream().map(ColumnMetadata::label).collect(Collectors.toList()));
        assertEquals("everything", meta.get(1).tableName());
        assertTrue(meta.get(0).isAutoIncrement());
        assertEquals(3, meta.get(7).scale());
        assertTrue(meta.get(11).typeName().startsWith("DATE"), meta.get(11).typeName());
    }

    @Test
    void aStatementWithoutMetadataHasNoneAndLabelsComeFromAliases() {
        ExecuteStatementResponse r = run(client, endpoint, "SELECT 1 AS one, 'x' AS two");
        assertFalse(r.hasColumnMetadata() && !r.columnMetadata().isEmpty(), "columnMetadata only when asked for");
        assertEquals(1L, r.records().get(0).get(0).longValue());
        ExecuteStatementResponse m = client.executeStatement(statement(endpoint, "SELECT 1 AS one, 'x' AS two")
                .includeResultMetadata(true).build());
        assertEquals(List.of("one", "two"), m.columnMetadata().stream().map(ColumnMetadata::label).collect(Collectors.toList()));
    }

    @Test
    void formatRecordsAsJsonReturnsOneJsonStringKeyedByLabel() {
        run(client, endpoint, "INSERT INTO everything (s, n, dec_v, flag, day) VALUES ('a', 1, 1.500, TRUE, '2024-01-02'),"
                + " (NULL, 2, NULL, FALSE, NULL)");
        ExecuteStatementResponse r = client.executeStatement(statement(endpoint,
                "SELECT s, n AS number, dec_v, flag, day FROM everything ORDER BY n").formatRecordsAs(RecordsFormatType.JSON)
                .includeResultMetadata(true).build());
        assertEquals("[{\"s\":\"a\",\"number\":1,\"dec_v\":\"1.500\",\"flag\":true,\"day\":\"2024-01-02\"},"
                + "{\"s\":null,\"number\":2,\"dec_v\":null,\"flag\":false,\"day\":null}]", r.formattedRecords());
        assertFalse(r.hasRecords() && !r.records().isEmpty(), "records are blank with JSON");
        assertFalse(r.hasColumnMetadata() && !r.columnMetadata().isEmpty(), "so is columnMetadata");
    }

    @Test
    void resultSetOptionsChangeHowDecimalsAndLongsComeBack() {
        run(client, endpoint, "INSERT INTO everything (n, big, dec_v) VALUES (7, 9007199254740993, 2.250)");
        ExecuteStatementResponse r = client.executeStatement(statement(endpoint,
                "SELECT big, dec_v, CAST(dec_v * 4 AS DECIMAL(10,0)) AS whole FROM everything")
                .resultSetOptions(o -> o.decimalReturnType(DecimalReturnType.DOUBLE_OR_LONG)
                        .longReturnType(LongReturnType.STRING)).build());
        List<Field> row = r.records().get(0);
        assertEquals("9007199254740993", row.get(0).stringValue(), "longs as text keep every digit");
        assertEquals(2.25, row.get(1).doubleValue(), "a decimal with a scale becomes a double");
        assertEquals(9L, row.get(2).longValue(), "a decimal of scale 0 becomes a long");
    }

    @Test
    void updatesCountRowsAndReturnGeneratedKeys() {
        ExecuteStatementResponse two = run(client, endpoint, "INSERT INTO everything (n) VALUES (:a), (:b)",
                param("a", longValue(1)), param("b", longValue(2)));
        assertEquals(2L, two.numberOfRecordsUpdated());
        assertFalse(two.generatedFields().isEmpty());
        ExecuteStatementResponse update = run(client, endpoint, "UPDATE everything SET s = :s WHERE n >= :n",
                param("s", stringValue("x")), param("n", longValue(1)));
        assertEquals(2L, update.numberOfRecordsUpdated());
        assertTrue(update.generatedFields().isEmpty(), "no key for an UPDATE");
        assertEquals(0L, run(client, endpoint, "DELETE FROM everything WHERE n = 99").numberOfRecordsUpdated());
    }

    @Test
    void batchExecuteRunsOncePerParameterSetWithItsGeneratedKeys() throws SQLException {
        List<List<SqlParameter>> sets = List.of(
                List.of(param("s", stringValue("a")), param("n", longValue(1))),
                List.of(param("s", stringValue("b")), param("n", longValue(2))),
                List.of(param("s", Field.builder().isNull(true).build()), param("n", longValue(3))));
        BatchExecuteStatementResponse r = client.batchExecuteStatement(BatchExecuteStatementRequest.builder()
                .resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn()).database(endpoint.database())
                .sql("INSERT INTO everything (s, n) VALUES (:s, :n)").parameterSets(sets).build());
        assertEquals(3, r.updateResults().size());
        long first = r.updateResults().get(0).generatedFields().get(0).longValue();
        assertEquals(first + 1, r.updateResults().get(1).generatedFields().get(0).longValue());
        assertEquals(first + 2, r.updateResults().get(2).generatedFields().get(0).longValue());
        assertEquals(3, count("SELECT COUNT(*) FROM everything"));
        assertEquals(1, count("SELECT COUNT(*) FROM everything WHERE s IS NULL AND n = 3"));

        BatchExecuteStatementResponse none = client.batchExecuteStatement(BatchExecuteStatementRequest.builder()
                .resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
                .sql("INSERT INTO everything (n) VALUES (4)").build());
        assertTrue(none.updateResults().isEmpty(), "no parameter set, no execution");
        assertEquals(3, count("SELECT COUNT(*) FROM everything"));
    }

    @Test
    void noSessionStateLeaksFromOneCallIntoTheNext() throws SQLException {
        for (int i = 0; i < 5; i++) {
            run(client, endpoint, "SET @leak = 'x'");
            run(client, endpoint, "CREATE TEMPORARY TABLE IF NOT EXISTS scratch (x INT)");
            run(client, endpoint, "SET autocommit = 0");
            assertEquals(Boolean.TRUE, run(client, endpoint, "SELECT @leak").records().get(0).get(0).isNull());
            assertEquals(1L, run(client, endpoint, "SELECT @@autocommit").records().get(0).get(0).longValue());
        }
        run(client, endpoint, "START TRANSACTION");
        run(client, endpoint, "INSERT INTO everything (n) VALUES (1)");
        assertEquals(1, count("SELECT COUNT(*) FROM everything"),
                "a transaction begun by SQL ends with its call; the next call's INSERT autocommits");
    }

    @Test
    void theDatabaseCanBeNamedOrLeftToTheSecret() {
        ExecuteStatementResponse named = run(client, endpoint, "SELECT DATABASE()");
        assertEquals(endpoint.database(), named.records().get(0).get(0).stringValue());
        ExecuteStatementResponse unnamed = client.executeStatement(statement(endpoint, "SELECT DATABASE()").database(null).build());
        assertEquals(endpoint.database(), unnamed.records().get(0).get(0).stringValue());
        ExecuteStatementResponse schema = client.executeStatement(statement(endpoint, "SELECT DATABASE()")
                .database("information_schema").build());
        assertEquals("information_schema", schema.records().get(0).get(0).stringValue());
        assertEquals(endpoint.database(), run(client, endpoint, "SELECT DATABASE()").records().get(0).get(0).stringValue(),
                "the next call is back on the default database");
    }

    @Test
    void textAndBlobsOfAnySizeUnderTheLimitsRoundTrip() {
        String text = "ü".repeat(20_000);
        run(client, endpoint, "INSERT INTO everything (txt, b) VALUES (:t, :b)", param("t", stringValue(text)),
                param("b", Field.builder().blobValue(SdkBytes.fromString("hello", StandardCharsets.UTF_8)).build()));
        List<Field> row = run(client, endpoint, "SELECT txt, b FROM everything").records().get(0);
        assertEquals(text, row.get(0).stringValue());
        assertEquals("hello", row.get(1).blobValue().asUtf8String());
        assertNull(row.get(0).isNull());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
