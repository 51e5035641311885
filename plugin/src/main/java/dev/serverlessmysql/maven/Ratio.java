package dev.serverlessmysql.maven;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Exact covered/total arithmetic and the way the messages print it. */
final class Ratio {

    private Ratio() {
    }

    /** Whether covered/total is at least {@code required}, computed exactly. A total of 0 always passes. */
    public static boolean meets(long covered, long total, BigDecimal required) {
        if (total == 0) {
            return true;
        }
        return BigDecimal.valueOf(covered).compareTo(required.multiply(BigDecimal.valueOf(total))) >= 0;
    }

    /** Whether a/b is at least c/d, exactly. */
    public static boolean atLeast(long a, long b, long c, long d) {
        if (b == 0 || d == 0) {
            return true;
        }
        return Math.multiplyExact(a, d) >= Math.multiplyExact(c, b);
    }

    /** How many more items must be covered to reach {@code required}: ceil(required * total) - covered. */
    public static long missing(long covered, long total, BigDecimal required) {
        BigDecimal need = required.multiply(BigDecimal.valueOf(total)).setScale(0, RoundingMode.CEILING);
        return Math.max(0, need.longValueExact() - covered);
    }

    /** The ratio as an exact decimal, or a long decimal for non-terminating fractions. */
    public static BigDecimal of(long covered, long total) {
        if (total == 0) {
            return BigDecimal.ONE;
        }
        return BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64);
    }

    /**
     * A percentage for the actual value: two decimals, rounded down so that it is never shown higher than it is, and
     * with more decimals whenever two would contradict the verdict against {@code required}.
     */
    public static String percent(long covered, long total, BigDecimal required) {
        BigDecimal exact = of(covered, total).movePointRight(2);
        if (required == null) {
            return strip(exact.setScale(2, RoundingMode.DOWN), 2) + "%";
        }
        boolean meets = meets(covered, total, required);
        BigDecimal limit = required.movePointRight(2);
        for (int scale = 2; scale <= 12; scale++) {
            BigDecimal shown = exact.setScale(scale, RoundingMode.DOWN);
            if ((shown.compareTo(limit) >= 0) == meets) {
                return strip(shown, 2) + "%";
            }
        }
        return exact.toPlainString() + "%";
    }

    /**
     * A required ratio as a percentage: exactly ({@code 80%}, {@code 72.5%}, {@code 80.005%}), or rounded up to two
     * decimals when it has more than four (a baseline such as 2/3 shows as {@code 66.67%}).
     */
    public static String percent(BigDecimal required) {
        BigDecimal p = required.movePointRight(2).stripTrailingZeros();
        if (p.scale() > 4) {
            p = p.setScale(2, RoundingMode.UP);
        }
        return strip(p, 0) + "%";
    }

    /** Covered and total together: {@code 79.17% (19/24)}. */
    public static String describe(long covered, long total, BigDecimal required) {
        return percent(covered, total, required) + " (" + covered + "/" + total + ")";
    }

    /** The gap in percentage points, rounded up so it is never shown smaller than it is. */
    public static String gap(long covered, long total, BigDecimal required) {
        BigDecimal gap = required.subtract(of(covered, total)).movePointRight(2);
        if (gap.signum() <= 0) {
            return "0";
        }
        return "-" + strip(gap.setScale(2, RoundingMode.UP), 2) + " pp";
    }

    private static String strip(BigDecimal v, int minScale) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < minScale) {
            s = s.setScale(minScale);
        }
        return s.toPlainString();
    }
}
