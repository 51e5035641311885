package dev.serverlessmysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the durations the network-fault tests observe (from a fault to the caller's exception, from a failover to
 * the first acknowledged write) and appends their median and worst to {@code target/fault-figures.txt}, one line per
 * measure and driver. The tests assert bounds only; these are the figures behind the report.
 */
final class FaultFigures {

    private final String measure;
    private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());

    FaultFigures(String measure) {
        this.measure = measure;
    }

    void add(long ms) {
        millis.add(ms);
    }

    /** Appends "measure, driver: n samples, median M ms, worst W ms" to the figures file. */
    void write() {
        List<Long> sorted;
        synchronized (millis) {
            if (millis.isEmpty()) {
                return;
            }
            sorted = new ArrayList<>(millis);
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        String line = measure + ", " + TestDb.driver() + " driver: " + n + " samples, median " + Math.round(median)
                + " ms, worst " + sorted.get(n - 1) + " ms, all " + sorted + System.lineSeparator();
        try {
            Path file = Path.of("target", "fault-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
