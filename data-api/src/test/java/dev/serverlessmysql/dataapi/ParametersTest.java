package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.TypeHint;

class ParametersTest {

    private static SqlParameter p(Object value) {
        return Parameters.parameter("x", value);
    }

    @Test
    void numbersBooleansBytesAndNullGetTheirOwnFieldWithoutAHint() {
        assertEquals(Field.builder().longValue(5L).build(), p(5).value());
        assertEquals(Field.builder().longValue(-1L).build(), p((byte) -1).value());
        assertEquals(Field.builder().doubleValue(1.5).build(), p(1.5f).value());
        assertEquals(Field.builder().booleanValue(false).build(), p(false).value());
        assertEquals(Field.builder().isNull(true).build(), p(null).value());
        assertEquals(3, p(new byte[] {1, 2, 3}).value().blobValue().asByteArray().length);
        assertEquals(Field.builder().longValue(Long.MAX_VALUE).build(), p(BigInteger.valueOf(Long.MAX_VALUE)).value());
        assertNull(p(5).typeHint());
    }

    @Test
    void decimalsDatesTimesAndJsonTravelAsHintedText() {
        assertHinted(p(new BigDecimal("1E+3")), "1000", TypeHint.DECIMAL);
        assertHinted(p(new BigInteger("99999999999999999999")), "99999999999999999999", TypeHint.DECIMAL);
        assertHinted(p(LocalDate.of(2024, 2, 29)), "2024-02-29", TypeHint.DATE);
        assertHinted(p(LocalTime.of(1, 2, 3)), "01:02:03", TypeHint.TIME);
        assertHinted(p(LocalTime.of(1, 2, 3, 450_000_000)), "01:02:03.45", TypeHint.TIME);
        assertHinted(p(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6_000)), "2024-01-02 03:04:05.000006", TypeHint.TIMESTAMP);
        assertHinted(p(Instant.parse("2024-01-02T03:04:05Z")), "2024-01-02 03:04:05", TypeHint.TIMESTAMP);
        assertHinted(p(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))), "2024-07-01 10:00:00",
                TypeHint.TIMESTAMP);
        assertHinted(p(java.sql.Date.valueOf("2020-01-01")), "2020-01-01", TypeHint.DATE);
        assertHinted(p(Json.of("[1]")), "[1]", TypeHint.JSON);
    }

    @Test
    void uuidsAndEnumsAreTextBecauseMysqlHasNoUuidType() {
        SqlParameter uuid = p(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertEquals("123e4567-e89b-12d3-a456-426614174000", uuid.value().stringValue());
        assertNull(uuid.typeHint());
        assertEquals("SECONDS", p(java.util.concurrent.TimeUnit.SECONDS).value().stringValue());
    }

    @Test
    void namesAreCheckedAndTheMapOrderIsKept() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("b", 1);
        m.put("a_1", 2);
        assertEquals(java.util.List.of("b", "a_1"), Parameters.of(m).stream().map(SqlParameter::name).toList());
        assertTrue(Parameters.of(null).isEmpty());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(java.util.Map.of("1x", 1)));
        assertTrue(bad.getMessage().contains("'1x' is not valid"), bad.getMessage());
    }

    private static void assertHinted(SqlParameter p, String text, TypeHint hint) {
        assertEquals(text, p.value().stringValue());
        assertEquals(hint, p.typeHint());
    }
}
