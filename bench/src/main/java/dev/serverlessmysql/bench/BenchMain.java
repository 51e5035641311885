package dev.serverlessmysql.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Runs the benchmarks and writes their results as Markdown: {@code BenchMain full|smoke RESULTS.md}. */
public final class BenchMain {

    private BenchMain() {
    }

    /** Entry point; the first argument picks the full run or the short smoke run, the second the output file. */
    public static void main(String[] args) throws Exception {
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        Path out = Path.of(args.length > 1 ? args[1] : "RESULTS.md");
        Path work = Files.createTempDirectory("serverless-mysql-bench-");
        try {
            String report = header(smoke) + TestDatabaseBench.markdown(new TestDatabaseBench(smoke, work).measure());
            Files.writeString(out, report);
            System.out.println(report);
            System.out.println("written to " + out.toAbsolutePath());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    static String header(boolean smoke) {
        Runtime rt = Runtime.getRuntime();
        return "# Benchmark results\n\n"
                + "Written by `mvn -B -pl bench -am verify -DskipTests -Dbench.run=full` on " + Instant.now() + (smoke ? " (smoke run: few rounds, figures are rough)" : "") + ".\n\n"
                + "Machine: " + rt.availableProcessors() + " cores, " + (rt.maxMemory() >> 20) + " MiB max heap, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + ").\n\n"
                + "Method: every comparison is measured side by side in this one run, alternating the variants; figures are medians.\n\n";
    }
}
