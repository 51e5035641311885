package dev.serverlessmysql.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ICoverageNode;

/**
 * The committed coverage baseline for ratchet mode: covered/total for every counter of the module and for the
 * line and branch counters of every class. A sorted properties file, so that its diffs are readable.
 */
final class Baseline {

    static final String MODULE = "module.";
    static final String CLASS = "class.";
    static final Counter[] CLASS_COUNTERS = {Counter.LINE, Counter.BRANCH};

    private final Map<String, long[]> values;

    private Baseline(Map<String, long[]> values) {
        this.values = values;
    }

    /** The baseline of the given coverage. */
    public static Baseline of(ICoverageNode module, Iterable<IClassCoverage> classes) {
        Map<String, long[]> v = new TreeMap<>();
        for (Counter c : Counter.values()) {
            put(v, MODULE + c.key(), module.getCounter(c.entity()));
        }
        for (IClassCoverage cc : classes) {
            for (Counter c : CLASS_COUNTERS) {
                ICounter counter = cc.getCounter(c.entity());
                if (counter.getTotalCount() > 0) {
                    put(v, CLASS + cc.getName().replace('/', '.') + "." + c.key(), counter);
                }
            }
        }
        return new Baseline(v);
    }

    private static void put(Map<String, long[]> v, String key, ICounter c) {
        v.put(key, new long[] {c.getCoveredCount(), c.getTotalCount()});
    }

    /** Reads a baseline file. */
    public static Baseline read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, long[]> v = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).trim();
            int slash = value.indexOf('/');
            if (slash < 0) {
                throw new IOException("Baseline " + file + ": '" + key + "=" + value + "' is not covered/total."
                        + " Regenerate it with mvn verify serverless-mysql:update-baseline.");
            }
            try {
                v.put(key, new long[] {Long.parseLong(value.substring(0, slash).trim()),
                    Long.parseLong(value.substring(slash + 1).trim())});
            } catch (NumberFormatException e) {
                throw new IOException("Baseline " + file + ": '" + key + "=" + value + "' is not covered/total."
                        + " Regenerate it with mvn verify serverless-mysql:update-baseline.", e);
            }
        }
        return new Baseline(v);
    }

    /** Writes the baseline, sorted, with a header that says how to update it. */
    public void write(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# serverless-mysql coverage baseline (ratchet mode): covered/total per counter.\n");
            w.write("# Coverage may not fall below these values. Commit this file; after raising coverage, update it\n");
            w.write("# with: mvn verify serverless-mysql:update-baseline\n");
            for (Map.Entry<String, long[]> e : values.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue()[0] + "/" + e.getValue()[1] + "\n");
            }
        }
    }

    /** covered/total for a module counter, or {@code null}. */
    public long[] module(Counter c) {
        return values.get(MODULE + c.key());
    }

    /** covered/total for a class counter, or {@code null} when the class is new. */
    public long[] clazz(String dottedName, Counter c) {
        return values.get(CLASS + dottedName + "." + c.key());
    }

    Map<String, long[]> values() {
        return values;
    }
}
