package dev.serverlessmysql.dataapi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.TypeHint;

/**
 * Java values to Data API parameters: the tagged {@link Field} and, where the service needs one, the type hint. The
 * one place that knows the mapping; {@link DataApiClient}'s class comment lists it.
 */
final class Parameters {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd().toFormatter();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Parameters() {
    }

    /** The parameters of one statement; a null map means none. */
    static List<SqlParameter> of(Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return List.of();
        }
        List<SqlParameter> out = new ArrayList<>(params.size());
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String name = e.getKey();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Parameter name '" + name + "' is not valid: use letters, digits and"
                        + " underscores, as in :" + "customer_id, and leave out the colon in the map key");
            }
            out.add(parameter(name, e.getValue()));
        }
        return out;
    }

    static SqlParameter parameter(String name, Object value) {
        SqlParameter.Builder p = SqlParameter.builder().name(name);
        if (value == null) {
            return p.value(Field.builder().isNull(true).build()).build();
        }
        if (value instanceof String || value instanceof Character) {
            return p.value(text(value.toString())).build();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return p.value(Field.builder().longValue(((Number) value).longValue()).build()).build();
        }
        if (value instanceof Boolean) {
            return p.value(Field.builder().booleanValue((Boolean) value).build()).build();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Parameter :" + name + " is " + d + ", which MySQL cannot store");
            }
            return p.value(Field.builder().doubleValue(d).build()).build();
        }
        if (value instanceof BigDecimal) {
            return p.value(text(((BigDecimal) value).toPlainString())).typeHint(TypeHint.DECIMAL).build();
        }
        if (value instanceof BigInteger) {
            BigInteger b = (BigInteger) value;
            return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0
                    ? p.value(Field.builder().longValue(b.longValue()).build()).build()
                    : p.value(text(b.toString())).typeHint(TypeHint.DECIMAL).build();
        }
        if (value instanceof byte[]) {
            return p.value(Field.builder().blobValue(SdkBytes.fromByteArray((byte[]) value)).build()).build();
        }
        if (value instanceof ByteBuffer) {
            return p.value(Field.builder().blobValue(SdkBytes.fromByteBuffer((ByteBuffer) value)).build()).build();
        }
        if (value instanceof SdkBytes) {
            return p.value(Field.builder().blobValue((SdkBytes) value).build()).build();
        }
        Object temporal = temporal(value);
        if (temporal instanceof LocalDate) {
            return p.value(text(DATE.format((LocalDate) temporal))).typeHint(TypeHint.DATE).build();
        }
        if (temporal instanceof LocalTime) {
            return p.value(text(TIME.format((LocalTime) temporal))).typeHint(TypeHint.TIME).build();
        }
        if (temporal instanceof LocalDateTime) {
            return p.value(text(TIMESTAMP.format((LocalDateTime) temporal))).typeHint(TypeHint.TIMESTAMP).build();
        }
        if (value instanceof UUID) {
            // MySQL has no UUID type (the UUID hint is for PostgreSQL): CHAR(36) columns take the text
            return p.value(text(value.toString())).build();
        }
        if (value instanceof Json) {
            return p.value(text(((Json) value).text())).typeHint(TypeHint.JSON).build();
        }
        if (value instanceof Enum<?>) {
            return p.value(text(((Enum<?>) value).name())).build();
        }
        if (value instanceof Field) {
            return p.value((Field) value).build();
        }
        if (value instanceof Collection<?> || value.getClass().isArray()) {
            throw new IllegalArgumentException("Parameter :" + name + " is a " + value.getClass().getSimpleName()
                    + ", but the Data API does not accept array parameters. Pass one value per parameter (:id1, :id2,"
                    + " ...), or use batch() for many rows.");
        }
        throw new IllegalArgumentException("Parameter :" + name + " has the unsupported type " + value.getClass().getName()
                + ". Use String, a number, BigDecimal, Boolean, byte[], LocalDate, LocalTime, LocalDateTime, Instant,"
                + " OffsetDateTime, UUID, Json, an enum, null, or an SDK Field.");
    }

    /** Dates and times as java.time values, instants and zoned times in UTC; null when {@code v} is none of them. */
    private static Object temporal(Object v) {
        if (v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime) {
            return ((ZonedDateTime) v).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (v instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) v).toLocalDateTime();
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate();
        }
        if (v instanceof java.sql.Time) {
            return ((java.sql.Time) v).toLocalTime();
        }
        return null;
    }

    private static Field text(String s) {
        return Field.builder().stringValue(s).build();
    }
}
