package dev.serverlessmysql.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs the benchmarks and writes their results as Markdown: {@code BenchMain full|smoke bench/RESULTS.md}. */
public final class BenchMain {

    /** One section of the report: its title, and the work that measures it and returns its Markdown. */
    private record Section(String title, String missing, Measure measure) {
    }

    @FunctionalInterface
    private interface Measure {
        String markdown() throws Exception;
    }

    private BenchMain() {
    }

    /**
     * Entry point; the first argument picks the full run or the short smoke run, the second the output file, whose
     * folder is the bench module (its {@code target/} holds the throwaway projects, its parent the toolkit's POM).
     * A section that fails is reported in the file and makes the exit status 1; the others still run.
     */
    public static void main(String[] args) throws Exception {
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        Path out = Path.of(args.length > 1 ? args[1] : "RESULTS.md").toAbsolutePath();
        Path module = out.getParent();
        Path target = module.resolve("target");
        Path work = Files.createTempDirectory("serverless-mysql-bench-");
        List<Section> sections = List.of(
                new Section("1. Connection storm", null, () -> StormBench.markdown(new StormBench(smoke).measure())),
                new Section("2. Per-invocation overhead (JMH)", null, () -> OverheadBench.markdown(new OverheadBench(smoke).measure())),
                new Section("3. Cold start", null, () -> ColdStartBench.markdown(new ColdStartBench(smoke, work).measure())),
                new Section("4. Test database", null, () -> TestDatabaseBench.markdown(new TestDatabaseBench(smoke, work).measure())),
                new Section("5. Build gate", smoke ? "the smoke run leaves out the Maven builds" : BuildGateBench.missing(),
                        () -> BuildGateBench.markdown(new BuildGateBench(target, module.getParent().resolve("pom.xml"), 5, 200).measure())),
                new Section("6. Archetype", smoke ? "the smoke run leaves out the Maven builds" : ArchetypeBench.missing(),
                        () -> ArchetypeBench.markdown(new ArchetypeBench(target, 3).measure())));
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder(header(smoke));
        List<String> failed = new ArrayList<>();
        try {
            for (Section s : sections) {
                report.append(run(s, failed)).append('\n');
                Files.writeString(out, report);
            }
            report.append(String.format("Whole run: %d s.%n", Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            Files.writeString(out, report);
            System.out.println(report);
            System.out.println("written to " + out);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (!failed.isEmpty()) {
            System.err.println("sections that failed: " + failed);
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static String run(Section s, List<String> failed) {
        if (s.missing() != null) {
            return "## " + s.title() + "\n\nNot run: " + s.missing() + ".\n";
        }
        System.out.println("==> " + s.title());
        try {
            return s.measure().markdown();
        } catch (Exception | Error e) {
            failed.add(s.title());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.err.println(trace);
            String why = e.toString().replace("\n", " ");
            return "## " + s.title() + "\n\nFAILED in this run (full trace on the console): "
                    + (why.length() > 800 ? why.substring(0, 800) + " ..." : why) + "\n";
        }
    }

    static String header(boolean smoke) {
        Runtime rt = Runtime.getRuntime();
        return "# Benchmark results\n\n"
                + "Written by `mvn -B -pl bench -am verify -DskipTests -Dbench.run=full` on " + Instant.now() + (smoke ? " (smoke run: few rounds, figures are rough)" : "") + ".\n\n"
                + "Machine: " + rt.availableProcessors() + " cores, " + (rt.maxMemory() >> 20) + " MiB max heap, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + ").\n\n"
                + "Method: every comparison is measured side by side in this one run, alternating the variants; figures are medians."
                + " Targets are the issue's; a missed one says NOT met with the measured figure.\n\n";
    }
}
