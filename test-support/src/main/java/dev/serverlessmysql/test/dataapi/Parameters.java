package dev.serverlessmysql.test.dataapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parameter set of a request ({@code SqlParameter}s: a name, a tagged {@code Field} and an optional
 * {@code typeHint}), checked against the service model and bound to a JDBC statement in the order of
 * {@link NamedSql#names()}.
 */
final class Parameters {

    private static final List<String> FIELD_MEMBERS = List.of("isNull", "booleanValue", "longValue", "doubleValue",
            "stringValue", "blobValue", "arrayValue");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

    /** A value ready for {@code setObject}, with the SQL type for a null. */
    private record Bound(Object value, int nullType) {
    }

    private final Map<String, Bound> values;

    private Parameters(Map<String, Bound> values) {
        this.values = values;
    }

    static Parameters none() {
        return new Parameters(Map.of());
    }

    static Parameters parse(JsonArray list) {
        if (list == null) {
            return none();
        }
        Map<String, Bound> values = new LinkedHashMap<>();
        for (JsonElement e : list) {
            if (!e.isJsonObject()) {
                throw ApiError.badRequest("Every parameter must be an object with 'name' and 'value'");
            }
            Request p = Request.of(e.getAsJsonObject());
            String name = p.optionalString("name", 1000);
            if (name == null || name.isEmpty()) {
                throw ApiError.badRequest("A parameter has no name; every parameter needs the name its :name placeholder uses");
            }
            if (values.containsKey(name)) {
                throw ApiError.badRequest("The parameter '" + name + "' is given more than once");
            }
            String hint = p.enumValue("typeHint", null, "JSON", "UUID", "TIMESTAMP", "DATE", "TIME", "DECIMAL");
            Request field = p.object("value");
            if (field == null) {
                throw ApiError.badRequest("The parameter '" + name + "' has no value; for NULL send {\"isNull\": true}");
            }
            values.put(name, bind(name, field.json(), hint));
        }
        return new Parameters(values);
    }

    private static Bound bind(String name, JsonObject field, String hint) {
        String member = null;
        for (String m : field.keySet()) {
            if (!FIELD_MEMBERS.contains(m)) {
                throw ApiError.badRequest("The value of parameter '" + name + "' has an unknown member '" + m + "'");
            }
            if (field.get(m).isJsonNull()) {
                continue;
            }
            if (member != null) {
                throw ApiError.badRequest("The value of parameter '" + name + "' sets both " + member + " and " + m
                        + "; a Field holds exactly one value");
            }
            member = m;
        }
        if (member == null) {
            throw ApiError.badRequest("The value of parameter '" + name + "' is empty; a Field holds exactly one value");
        }
        JsonElement v = field.get(member);
        if (hint != null && !member.equals("stringValue")) {
            throw ApiError.badRequest("The typeHint " + hint + " of parameter '" + name + "' applies to a stringValue,"
                    + " not to a " + member);
        }
        switch (member) {
            case "isNull":
                if (!isBoolean(v) || !v.getAsBoolean()) {
                    throw ApiError.badRequest("The value of parameter '" + name + "' has isNull other than true");
                }
                return new Bound(null, Types.NULL);
            case "booleanValue":
                return new Bound(expect(name, member, v, isBoolean(v)).getAsBoolean(), Types.BOOLEAN);
            case "longValue":
                try {
                    return new Bound(expect(name, member, v, isNumber(v)).getAsBigDecimal().longValueExact(), Types.BIGINT);
                } catch (ArithmeticException e) {
                    throw ApiError.badRequest("The longValue of parameter '" + name + "' is not a 64-bit integer: " + v);
                }
            case "doubleValue":
                return new Bound(expect(name, member, v, isNumber(v)).getAsDouble(), Types.DOUBLE);
            case "blobValue":
                try {
                    return new Bound(Base64.getDecoder().decode(expect(name, member, v, Request.isString(v)).getAsString()),
                            Types.VARBINARY);
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("The blobValue of parameter '" + name + "' is not base64: " + e.getMessage());
                }
            case "arrayValue":
                throw ApiError.badRequest("Array parameters are not supported (parameter '" + name + "')");
            default:
                return hinted(name, expect(name, member, v, Request.isString(v)).getAsString(), hint);
        }
    }

    private static boolean isBoolean(JsonElement v) {
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean();
    }

    private static boolean isNumber(JsonElement v) {
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
    }

    private static JsonPrimitive expect(String name, String member, JsonElement v, boolean ok) {
        if (!ok) {
            throw ApiError.badRequest("The " + member + " of parameter '" + name + "' has the wrong JSON type: " + v);
        }
        return v.getAsJsonPrimitive();
    }

    private static Bound hinted(String name, String s, String hint) {
        if (hint == null) {
            return new Bound(s, Types.VARCHAR);
        }
        try {
            switch (hint) {
                case "DATE":
                    return new Bound(LocalDate.parse(s, DATE), Types.DATE);
                case "TIME":
                    return new Bound(LocalTime.parse(s, TIME), Types.TIME);
                case "TIMESTAMP":
                    return new Bound(LocalDateTime.parse(s, TIMESTAMP), Types.TIMESTAMP);
                case "DECIMAL":
                    return new Bound(new BigDecimal(s), Types.DECIMAL);
                default:
                    // JSON and UUID: MySQL has no parameter type for them; the server converts the text
                    return new Bound(s, Types.VARCHAR);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiError.badRequest("The value '" + s + "' of parameter '" + name + "' does not match its typeHint "
                    + hint + " (" + format(hint) + ")");
        }
    }

    private static String format(String hint) {
        switch (hint) {
            case "DATE":
                return "YYYY-MM-DD";
            case "TIME":
                return "HH:MM:SS[.FFF]";
            case "TIMESTAMP":
                return "YYYY-MM-DD HH:MM:SS[.FFF]";
            default:
                return "a decimal number";
        }
    }

    /** Binds the values named by {@code sql} in order; a name without a value is an error. */
    void bind(PreparedStatement ps, NamedSql sql) throws SQLException {
        List<String> names = sql.names();
        for (int i = 0; i < names.size(); i++) {
            Bound b = values.get(names.get(i));
            if (b == null) {
                throw ApiError.badRequest("No value specified for parameter: " + names.get(i)
                        + " (the SQL uses :" + names.get(i) + "; parameters given: " + values.keySet() + ")");
            }
            if (b.value() == null) {
                ps.setNull(i + 1, b.nullType());
            } else {
                ps.setObject(i + 1, b.value());
            }
        }
    }
}
