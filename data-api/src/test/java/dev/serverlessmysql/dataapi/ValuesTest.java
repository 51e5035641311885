package dev.serverlessmysql.dataapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.Field;

class ValuesTest {

    private static Object read(String typeName, Boolean signed, Field f) {
        return Values.value(f, Values.type(ColumnMetadata.builder().typeName(typeName).isSigned(signed).build()));
    }

    @Test
    void integersFollowConnectorJ() {
        assertEquals(7, read("INT", true, Field.builder().longValue(7L).build()));
        assertEquals(7L, read("INT UNSIGNED", false, Field.builder().longValue(7L).build()));
        assertEquals(7L, read("INTEGER", false, Field.builder().longValue(7L).build()), "unsigned from the signed flag");
        assertEquals(7L, read("BIGINT", true, Field.builder().longValue(7L).build()));
        assertEquals(new BigInteger("18446744073709551615"), read("BIGINT UNSIGNED", false, Field.builder().longValue(-1L).build()));
        assertEquals(new BigInteger("18446744073709551615"),
                read("BIGINT UNSIGNED", false, Field.builder().stringValue("18446744073709551615").build()));
        assertEquals(Boolean.TRUE, read("BIT", false, Field.builder().booleanValue(true).build()));
        assertEquals(Boolean.FALSE, read("BOOLEAN", true, Field.builder().longValue(0L).build()));
        assertEquals(1, read("TINYINT", true, Field.builder().booleanValue(true).build()));
    }

    @Test
    void decimalsDatesAndTimesAreParsedAndOddValuesStayText() {
        assertEquals(new BigDecimal("1.50"), read("DECIMAL", true, Field.builder().stringValue("1.50").build()));
        assertEquals(new BigDecimal("2.25"), read("DECIMAL", true, Field.builder().doubleValue(2.25).build()));
        assertEquals(new BigDecimal("9"), read("DECIMAL", true, Field.builder().longValue(9L).build()));
        assertEquals(1.5f, read("FLOAT", true, Field.builder().doubleValue(1.5).build()));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000),
                read("DATETIME", true, Field.builder().stringValue("2024-01-02 03:04:05.12").build()));
        assertEquals(LocalTime.of(8, 30), read("TIME", true, Field.builder().stringValue("08:30:00").build()));
        assertEquals("838:59:59", read("TIME", true, Field.builder().stringValue("838:59:59").build()), "past 24 hours");
        assertEquals("0000-00-00 00:00:00", read("DATETIME", true, Field.builder().stringValue("0000-00-00 00:00:00").build()));
        assertEquals(null, read("VARCHAR", true, Field.builder().isNull(true).build()));
        assertEquals("x", read("SOMETHING_NEW", true, Field.builder().stringValue("x").build()), "unknown types as they come");
    }
}
