package dev.serverlessmysql.test.dataapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Base64;
import java.util.Locale;

/**
 * Encodes a result set the way {@code ExecuteStatement} returns it: {@code records} of tagged {@code Field}s,
 * {@code columnMetadata} when asked for, or one {@code formattedRecords} JSON string with
 * {@code formatRecordsAs = JSON}; with the service's size limits (64 KB per row, 1 MiB per result, 10 MB of
 * formatted JSON).
 */
final class Results {

    static final int MAX_ROW_BYTES = 64 * 1024;
    static final int MAX_RESULT_BYTES = 1024 * 1024;
    static final int MAX_FORMATTED_CHARS = 10 * 1000 * 1000;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    /** How the caller asked for the result. */
    record Options(boolean includeMetadata, boolean formatJson, boolean decimalAsNumber, boolean longAsString) {
    }

    private enum Kind { BOOLEAN, LONG, DECIMAL, DOUBLE, BLOB, DATETIME, TIME, STRING }

    private Results() {
    }

    /** Adds {@code records} (or {@code formattedRecords}) and {@code columnMetadata} to {@code response}. */
    static void encode(ResultSet rs, Options options, JsonObject response) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        Kind[] kinds = new Kind[columns];
        String[] labels = new String[columns];
        int[] scales = new int[columns];
        for (int i = 0; i < columns; i++) {
            kinds[i] = kind(md, i + 1);
            labels[i] = md.getColumnLabel(i + 1);
            scales[i] = kinds[i] == Kind.DATETIME || kinds[i] == Kind.TIME ? Math.max(0, Math.min(6, md.getScale(i + 1))) : 0;
        }
        JsonArray records = new JsonArray();
        long total = 0;
        while (rs.next()) {
            JsonArray record = new JsonArray(columns);
            long rowBytes = 0;
            for (int i = 0; i < columns; i++) {
                JsonObject field = field(rs, i + 1, kinds[i], scales[i], options);
                rowBytes += size(field);
                record.add(field);
            }
            if (rowBytes > MAX_ROW_BYTES) {
                throw ApiError.badRequest("Packet for query is too large: a row of the result has " + rowBytes
                        + " bytes, and the Data API allows at most 64 KB per row");
            }
            total += rowBytes;
            if (total > MAX_RESULT_BYTES) {
                throw ApiError.badRequest("Database response exceeded size limit: the result has more than 1 MiB"
                        + " of data. Fetch fewer rows per call, for example with LIMIT.");
            }
            records.add(record);
        }
        if (options.formatJson()) {
            String formatted = formatted(records, labels);
            if (formatted.length() > MAX_FORMATTED_CHARS) {
                throw ApiError.badRequest("The JSON-formatted result is larger than the 10 MB limit of formattedRecords");
            }
            response.addProperty("formattedRecords", formatted);
            return;
        }
        response.add("records", records);
        if (options.includeMetadata()) {
            response.add("columnMetadata", metadata(md));
        }
    }

    private static Kind kind(ResultSetMetaData md, int column) throws SQLException {
        String typeName = md.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        if (typeName.startsWith("YEAR")) {
            return Kind.LONG;
        }
        switch (md.getColumnType(column)) {
            case Types.BIT:
            case Types.BOOLEAN:
                return md.getPrecision(column) <= 1 ? Kind.BOOLEAN : Kind.BLOB;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return Kind.LONG;
            case Types.DECIMAL:
            case Types.NUMERIC:
                return Kind.DECIMAL;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return Kind.DOUBLE;
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return Kind.DATETIME;
            case Types.TIME:
                return Kind.TIME;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return Kind.BLOB;
            default:
                return Kind.STRING;
        }
    }

    private static JsonObject field(ResultSet rs, int column, Kind kind, int scale, Options options) throws SQLException {
        JsonObject f = new JsonObject();
        switch (kind) {
            case DATETIME:
            case TIME: {
                String s = temporal(rs, column, kind, scale);
                return s == null ? isNull(f) : put(f, "stringValue", new JsonPrimitive(s));
            }
            case BOOLEAN: {
                boolean b = rs.getBoolean(column);
                return rs.wasNull() ? isNull(f) : put(f, "booleanValue", new JsonPrimitive(b));
            }
            case LONG: {
                BigDecimal d = rs.getBigDecimal(column);
                if (d == null) {
                    return isNull(f);
                }
                if (options.longAsString() || d.compareTo(LONG_MAX) > 0 || d.compareTo(LONG_MIN) < 0) {
                    return put(f, "stringValue", new JsonPrimitive(d.toPlainString()));
                }
                return put(f, "longValue", new JsonPrimitive(d.longValueExact()));
            }
            case DECIMAL: {
                BigDecimal d = rs.getBigDecimal(column);
                if (d == null) {
                    return isNull(f);
                }
                if (!options.decimalAsNumber()) {
                    return put(f, "stringValue", new JsonPrimitive(d.toPlainString()));
                }
                return d.scale() <= 0 && d.compareTo(LONG_MAX) <= 0 && d.compareTo(LONG_MIN) >= 0
                        ? put(f, "longValue", new JsonPrimitive(d.longValueExact()))
                        : put(f, "doubleValue", new JsonPrimitive(d.doubleValue()));
            }
            case DOUBLE: {
                double v = rs.getDouble(column);
                return rs.wasNull() ? isNull(f) : put(f, "doubleValue", new JsonPrimitive(v));
            }
            case BLOB: {
                byte[] bytes = rs.getBytes(column);
                return bytes == null ? isNull(f)
                        : put(f, "blobValue", new JsonPrimitive(Base64.getEncoder().encodeToString(bytes)));
            }
            default: {
                String s = rs.getString(column);
                return s == null ? isNull(f) : put(f, "stringValue", new JsonPrimitive(s));
            }
        }
    }

    /**
     * A DATETIME, TIMESTAMP or TIME as MySQL writes it: {@code YYYY-MM-DD HH:MM:SS} or {@code HH:MM:SS}, with as many
     * fraction digits as the column declares. Values java.time cannot hold (zero dates, times past 24 hours) come as
     * the driver's text.
     */
    private static String temporal(ResultSet rs, int column, Kind kind, int scale) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            java.time.temporal.TemporalAccessor value = kind == Kind.DATETIME
                    ? rs.getObject(column, java.time.LocalDateTime.class) : rs.getObject(column, java.time.LocalTime.class);
            String pattern = (kind == Kind.DATETIME ? "uuuu-MM-dd HH:mm:ss" : "HH:mm:ss") + (scale > 0 ? "." + "S".repeat(scale) : "");
            return java.time.format.DateTimeFormatter.ofPattern(pattern).format(value);
        } catch (SQLException | RuntimeException e) {
            return text;
        }
    }

    private static JsonObject isNull(JsonObject f) {
        f.addProperty("isNull", true);
        return f;
    }

    private static JsonObject put(JsonObject f, String member, JsonPrimitive value) {
        f.add(member, value);
        return f;
    }

    /** The data size of one value: UTF-8 bytes of text, bytes of a blob, 8 for a number, 1 for a boolean. */
    private static long size(JsonObject field) {
        if (field.has("stringValue")) {
            return utf8Length(field.get("stringValue").getAsString());
        }
        if (field.has("blobValue")) {
            return field.get("blobValue").getAsString().length() / 4L * 3;
        }
        return field.has("booleanValue") || field.has("isNull") ? 1 : 8;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Rows as JSON objects keyed by column label, values as plain JSON (blobs base64, decimals as text). */
    private static String formatted(JsonArray records, String[] labels) {
        JsonArray rows = new JsonArray(records.size());
        for (JsonElement r : records) {
            JsonArray record = r.getAsJsonArray();
            JsonObject row = new JsonObject();
            for (int i = 0; i < labels.length; i++) {
                JsonObject f = record.get(i).getAsJsonObject();
                String member = f.keySet().iterator().next();
                row.add(labels[i], member.equals("isNull") ? JsonNull.INSTANCE : f.get(member));
            }
            rows.add(row);
        }
        return rows.toString();
    }

    private static JsonArray metadata(ResultSetMetaData md) throws SQLException {
        JsonArray list = new JsonArray();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            JsonObject m = new JsonObject();
            m.addProperty("name", md.getColumnName(c));
            m.addProperty("type", md.getColumnType(c));
            m.addProperty("typeName", md.getColumnTypeName(c));
            m.addProperty("label", md.getColumnLabel(c));
            m.addProperty("schemaName", nullToEmpty(md.getSchemaName(c)));
            m.addProperty("tableName", nullToEmpty(md.getTableName(c)));
            m.addProperty("isAutoIncrement", md.isAutoIncrement(c));
            m.addProperty("isSigned", md.isSigned(c));
            m.addProperty("isCurrency", md.isCurrency(c));
            m.addProperty("isCaseSensitive", md.isCaseSensitive(c));
            m.addProperty("nullable", md.isNullable(c));
            m.addProperty("precision", md.getPrecision(c));
            m.addProperty("scale", md.getScale(c));
            m.addProperty("arrayBaseColumnType", 0);
            list.add(m);
        }
        return list;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A generated key as a {@code Field}: a longValue, or text for a key that is not an integer. */
    static JsonObject generatedField(ResultSet keys) throws SQLException {
        JsonObject f = new JsonObject();
        BigDecimal d;
        try {
            d = keys.getBigDecimal(1);
        } catch (SQLException notNumeric) {
            String s = keys.getString(1);
            return s == null ? isNull(f) : put(f, "stringValue", new JsonPrimitive(s));
        }
        if (d == null) {
            return isNull(f);
        }
        return d.scale() <= 0 && d.compareTo(LONG_MAX) <= 0 ? put(f, "longValue", new JsonPrimitive(d.longValueExact()))
                : put(f, "stringValue", new JsonPrimitive(d.toPlainString()));
    }
}
