package dev.serverlessmysql.dataapi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of a result, read by column label or by 1-based index with the getters of JDBC's {@code ResultSet}, so that a
 * row mapper such as {@code rs -> new User(rs.getLong("id"), rs.getString("name"))} reads the same on both
 * transports. As in JDBC, a NULL reads as 0 or false from the primitive getters; {@link #wasNull()} tells.
 */
public final class Row {

    private final List<String> labels;
    private final Map<String, Integer> index;
    private final Object[] values;
    private boolean wasNull;

    Row(List<String> labels, Map<String, Integer> index, Object[] values) {
        this.labels = labels;
        this.index = index;
        this.values = values;
    }

    /** The column labels, in order. */
    public List<String> labels() {
        return labels;
    }

    /** The value of a column, as the client maps it (see {@link DataApiClient}); null for NULL. */
    public Object getObject(String label) {
        return remember(values[position(label)]);
    }

    /** The value of the column at a 1-based index. */
    public Object getObject(int column) {
        return remember(values[position(column)]);
    }

    /** The value of a column converted to {@code type}: any getter's target type, or the value's own type. */
    public <T> T getObject(String label, Class<T> type) {
        return convert(getObject(label), type, label);
    }

    /** The value of the column at a 1-based index converted to {@code type}. */
    public <T> T getObject(int column, Class<T> type) {
        return convert(getObject(column), type, String.valueOf(column));
    }

    /** The value as text; numbers and dates in their usual text form, null for NULL. */
    public String getString(String label) {
        return convert(getObject(label), String.class, label);
    }

    /** The value at a 1-based index as text. */
    public String getString(int column) {
        return convert(getObject(column), String.class, String.valueOf(column));
    }

    /** The value as a long; 0 for NULL. */
    public long getLong(String label) {
        Long v = convert(getObject(label), Long.class, label);
        return v == null ? 0 : v;
    }

    /** The value at a 1-based index as a long; 0 for NULL. */
    public long getLong(int column) {
        Long v = convert(getObject(column), Long.class, String.valueOf(column));
        return v == null ? 0 : v;
    }

    /** The value as an int; 0 for NULL. */
    public int getInt(String label) {
        Integer v = convert(getObject(label), Integer.class, label);
        return v == null ? 0 : v;
    }

    /** The value at a 1-based index as an int; 0 for NULL. */
    public int getInt(int column) {
        Integer v = convert(getObject(column), Integer.class, String.valueOf(column));
        return v == null ? 0 : v;
    }

    /** The value as a double; 0 for NULL. */
    public double getDouble(String label) {
        Double v = convert(getObject(label), Double.class, label);
        return v == null ? 0 : v;
    }

    /** The value as a boolean (true for non-zero numbers); false for NULL. */
    public boolean getBoolean(String label) {
        Boolean v = convert(getObject(label), Boolean.class, label);
        return v != null && v;
    }

    /** The value as a BigDecimal; null for NULL. */
    public BigDecimal getBigDecimal(String label) {
        return convert(getObject(label), BigDecimal.class, label);
    }

    /** The value as bytes (text as UTF-8); null for NULL. */
    public byte[] getBytes(String label) {
        return convert(getObject(label), byte[].class, label);
    }

    /** Whether the last value read was NULL. */
    public boolean wasNull() {
        return wasNull;
    }

    private Object remember(Object v) {
        wasNull = v == null;
        return v;
    }

    private int position(String label) {
        Integer i = index.get(label);
        if (i == null) {
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                if (e.getKey().equalsIgnoreCase(label)) {
                    return e.getValue();
                }
            }
            throw new IllegalArgumentException("No column '" + label + "' in the result; its columns are " + labels);
        }
        return i;
    }

    private int position(int column) {
        if (column < 1 || column > values.length) {
            throw new IllegalArgumentException("Column index " + column + " is out of range: the result has "
                    + values.length + " columns, numbered from 1");
        }
        return column - 1;
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(Object v, Class<T> type, String column) {
        if (v == null || type.isInstance(v)) {
            return (T) v;
        }
        try {
            if (type == String.class) {
                return (T) (v instanceof byte[] ? new String((byte[]) v, java.nio.charset.StandardCharsets.UTF_8)
                        : v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString());
            }
            if (type == Long.class || type == long.class) {
                return (T) (Long) (v instanceof Boolean ? ((Boolean) v ? 1L : 0L) : number(v).longValueExact());
            }
            if (type == Integer.class || type == int.class) {
                return (T) (Integer) (v instanceof Boolean ? ((Boolean) v ? 1 : 0) : number(v).intValueExact());
            }
            if (type == Double.class || type == double.class) {
                return (T) (Double) number(v).doubleValue();
            }
            if (type == Float.class || type == float.class) {
                return (T) (Float) number(v).floatValue();
            }
            if (type == BigDecimal.class) {
                return (T) number(v);
            }
            if (type == BigInteger.class) {
                return (T) number(v).toBigIntegerExact();
            }
            if (type == Boolean.class || type == boolean.class) {
                return (T) (Boolean) (v instanceof String ? !"0".equals(v) && !"false".equalsIgnoreCase((String) v)
                        : number(v).signum() != 0);
            }
            if (type == byte[].class && v instanceof String) {
                return (T) ((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            if (type == LocalDate.class && v instanceof LocalDateTime) {
                return (T) ((LocalDateTime) v).toLocalDate();
            }
            if (type == LocalTime.class && v instanceof LocalDateTime) {
                return (T) ((LocalDateTime) v).toLocalTime();
            }
            if (type == LocalDateTime.class && v instanceof LocalDate) {
                return (T) ((LocalDate) v).atStartOfDay();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("Column " + column + " holds " + v + ", which is not a " + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException("Column " + column + " holds a " + v.getClass().getSimpleName() + " (" + v
                + "), which cannot be read as a " + type.getSimpleName());
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Number) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return new BigDecimal(v.toString().trim());
    }

    /** The row as label=value pairs; bytes as their length. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row{");
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            sb.append(i == 0 ? "" : ", ").append(labels.get(i)).append('=')
                    .append(v instanceof byte[] ? "byte[" + ((byte[]) v).length + "]" : v);
        }
        return sb.append('}').toString();
    }

    Object[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
