package dev.serverlessmysql.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics over a sample of measurements. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> sample) {
        return percentile(sample, 50);
    }

    /** The nearest-rank percentile {@code p} (0-100) of a non-empty sample. */
    static double percentile(List<Double> sample, double p) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("empty sample");
        }
        List<Double> sorted = new ArrayList<>(sample);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }
}
