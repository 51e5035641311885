package dev.serverlessmysql.maven;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Minimum covered ratios per counter, each between 0 and 1. Unset counters are not checked. */
final class Thresholds {

    private final EnumMap<Counter, BigDecimal> minimums = new EnumMap<>(Counter.class);

    /** No minimums. */
    public static Thresholds none() {
        return new Thresholds();
    }

    /** Sets a minimum from text such as {@code 0.80}, {@code .8} or {@code 80%}; blank text leaves it unset. */
    public Thresholds set(Counter counter, String text, String where) {
        BigDecimal v = parse(text, where + "." + counter.key());
        if (v != null) {
            minimums.put(counter, v);
        }
        return this;
    }

    /** Sets a minimum. */
    public Thresholds set(Counter counter, BigDecimal ratio) {
        minimums.put(counter, ratio);
        return this;
    }

    /** The minimums that are set, in counter order. */
    public Map<Counter, BigDecimal> minimums() {
        return Collections.unmodifiableMap(minimums);
    }

    /** Whether no minimum is set. */
    public boolean isEmpty() {
        return minimums.isEmpty();
    }

    /**
     * Parses a ratio; {@code null} for blank text.
     *
     * @throws IllegalArgumentException with the fix, for anything that is not a number from 0 to 1 (or 0% to 100%)
     */
    public static BigDecimal parse(String text, String where) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        boolean percent = t.endsWith("%");
        if (percent) {
            t = t.substring(0, t.length() - 1).trim();
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serverless-mysql: " + where + " is '" + text + "', not a number."
                    + " Write a ratio such as 0.80 or a percentage such as 80%.");
        }
        if (percent || v.compareTo(BigDecimal.ONE) > 0) {
            if (!percent) {
                throw new IllegalArgumentException("serverless-mysql: " + where + " is " + text
                        + ", above 1. Write a ratio such as 0.80, or " + text + "% if you meant a percentage.");
            }
            v = v.movePointLeft(2);
        }
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("serverless-mysql: " + where + " is " + text
                    + "; it must lie between 0 and 1 (0% and 100%).");
        }
        return v.stripTrailingZeros();
    }
}
