package dev.serverlessmysql.dataapi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.Field;

/**
 * Data API result values to Java values, by the column's MySQL type name: the types MySQL Connector/J returns from
 * {@code getObject}, with java.time for dates and times. The one place that knows the mapping.
 */
final class Values {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** What a column's values become. */
    enum Type { BOOLEAN, INTEGER, LONG, BIG_INTEGER, DECIMAL, FLOAT, DOUBLE, DATE, DATE_TIME, TIME, STRING, BYTES, ANY }

    private Values() {
    }

    /** The Java type for a column, from its type name ({@code INT UNSIGNED}, {@code VARCHAR}...) and signedness. */
    static Type type(ColumnMetadata column) {
        String name = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT).trim();
        boolean unsigned = name.contains("UNSIGNED") || Boolean.FALSE.equals(column.isSigned()) && name.contains("INT");
        String base = name.replace("UNSIGNED", "").replace("ZEROFILL", "").trim();
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren).trim();
        }
        switch (base) {
            case "BIT":
            case "BOOL":
            case "BOOLEAN":
                return Type.BOOLEAN;
            case "TINYINT":
            case "SMALLINT":
            case "MEDIUMINT":
            case "YEAR":
                return Type.INTEGER;
            case "INT":
            case "INTEGER":
                return unsigned ? Type.LONG : Type.INTEGER;
            case "BIGINT":
                return unsigned ? Type.BIG_INTEGER : Type.LONG;
            case "DECIMAL":
            case "NUMERIC":
            case "DEC":
                return Type.DECIMAL;
            case "FLOAT":
            case "REAL":
                return Type.FLOAT;
            case "DOUBLE":
            case "DOUBLE PRECISION":
                return Type.DOUBLE;
            case "DATE":
                return Type.DATE;
            case "DATETIME":
            case "TIMESTAMP":
                return Type.DATE_TIME;
            case "TIME":
                return Type.TIME;
            case "CHAR":
            case "VARCHAR":
            case "TINYTEXT":
            case "TEXT":
            case "MEDIUMTEXT":
            case "LONGTEXT":
            case "ENUM":
            case "SET":
            case "JSON":
                return Type.STRING;
            case "BINARY":
            case "VARBINARY":
            case "TINYBLOB":
            case "BLOB":
            case "MEDIUMBLOB":
            case "LONGBLOB":
            case "GEOMETRY":
                return Type.BYTES;
            default:
                return Type.ANY;
        }
    }

    /** The Java value of one field of a column of {@code type}. */
    static Object value(Field f, Type type) {
        if (f == null || Boolean.TRUE.equals(f.isNull())) {
            return null;
        }
        switch (f.type()) {
            case BOOLEAN_VALUE:
                return type == Type.INTEGER ? Integer.valueOf(f.booleanValue() ? 1 : 0) : f.booleanValue();
            case LONG_VALUE:
                return fromLong(f.longValue(), type);
            case DOUBLE_VALUE:
                return fromDouble(f.doubleValue(), type);
            case STRING_VALUE:
                return fromString(f.stringValue(), type);
            case BLOB_VALUE:
                return f.blobValue().asByteArray();
            default:
                throw new DataApiException("The Data API returned a value of a kind this client does not read: " + f);
        }
    }

    private static Object fromLong(long v, Type type) {
        switch (type) {
            case BOOLEAN:
                return v != 0;
            case INTEGER:
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    return Integer.valueOf((int) v);
                }
                return Long.valueOf(v);
            case BIG_INTEGER:
                return v >= 0 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
            case DECIMAL:
                return BigDecimal.valueOf(v);
            case FLOAT:
                return (float) v;
            case DOUBLE:
                return (double) v;
            default:
                return v;
        }
    }

    private static Object fromDouble(double v, Type type) {
        switch (type) {
            case FLOAT:
                return (float) v;
            case DECIMAL:
                return BigDecimal.valueOf(v);
            default:
                return v;
        }
    }

    private static Object fromString(String s, Type type) {
        try {
            switch (type) {
                case DECIMAL:
                    return new BigDecimal(s);
                case INTEGER:
                    return Integer.valueOf(s);
                case LONG:
                    return Long.valueOf(s);
                case BIG_INTEGER:
                    return new BigInteger(s);
                case DATE:
                    return LocalDate.parse(s);
                case DATE_TIME:
                    return LocalDateTime.parse(s, DATE_TIME);
                case TIME:
                    return LocalTime.parse(s, TIME);
                default:
                    return s;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // zero dates, TIME past 24 hours, longs returned as text beyond their type: the text itself
            return s;
        }
    }
}
