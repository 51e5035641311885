package dev.serverlessmysql.maven;

import java.math.BigDecimal;

/**
 * One coverage number below what is required.
 *
 * @param element what was measured: {@code module my-app}, {@code class com.example.Foo}, {@code handler ...}
 * @param counter the counter
 * @param covered covered items
 * @param total all items
 * @param required the minimum ratio
 * @param rule where the minimum comes from: {@code <coverage>}, {@code <classCoverage>}, {@code <handlers>} or
 *     {@code baseline}
 */
record Shortfall(String element, Counter counter, long covered, long total, BigDecimal required, String rule) {

    /** {@code 75.00% (15/20)}. */
    public String actual() {
        return Ratio.describe(covered, total, required);
    }

    /** {@code 80%}, or the baseline's exact value. */
    public String requiredText() {
        return Ratio.percent(required);
    }

    /** {@code -5.00 pp, 1 more line}. */
    public String gap() {
        return Ratio.gap(covered, total, required) + ", " + counter.units(Ratio.missing(covered, total, required))
                + " more";
    }
}
