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

/**
 * Runs the benchmarks and writes their results as Markdown: {@code BenchMain full|smoke|build-smoke OUTPUT [MODULE]}.
 * {@code build-smoke} runs only the Maven-build sections, briefly, for CI after the toolkit is installed. The system
 * property {@code bench.only} (for example {@code 1,2}) runs only the sections with those numbers, for a quick look.
 */
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
        String mode = args.length > 0 ? args[0] : "full";
        boolean smoke = !mode.equals("full") && !mode.equals("gate");
        boolean buildsOnly = mode.equals("build-smoke");
        // "gate": section 5 alone, full length, for the build gate's own figures
        boolean gateOnly = mode.equals("gate");
        Path out = Path.of(args.length > 1 ? args[1] : "RESULTS.md").toAbsolutePath();
        Path module = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : out.getParent();
        Path target = module.resolve("target");
        Path work = Files.createTempDirectory("serverless-mysql-bench-");
        String inProcessSkipped = buildsOnly ? "the build smoke run covers only the Maven-build sections"
                : gateOnly ? "the gate run covers only section 5" : null;
        String buildsSkipped = buildsOnly ? BuildGateBench.missing() : smoke ? "the smoke run leaves out the Maven builds" : BuildGateBench.missing();
        StormBench.Figures[] storm = new StormBench.Figures[1];
        List<Section> sections = List.of(
                new Section("1. Connection storm", inProcessSkipped, () -> {
                    storm[0] = new StormBench(smoke).measure();
                    return StormBench.markdown(storm[0]);
                }),
                new Section("2. Per-invocation cost (server round trips, JMH)", inProcessSkipped, () ->
                        OverheadBench.markdown(new OverheadBench(smoke).measure(),
                                StatementBench.markdown(new StatementBench(smoke).measure(), storm[0]))),
                new Section("3. Cold start", inProcessSkipped, () -> ColdStartBench.markdown(new ColdStartBench(smoke, work).measure())),
                new Section("4. Test database", inProcessSkipped, () -> TestDatabaseBench.markdown(new TestDatabaseBench(smoke, work).measure())),
                new Section("5. Build gate", buildsSkipped, () -> BuildGateBench.markdown(
                        new BuildGateBench(target, module.getParent().resolve("pom.xml"), smoke ? 1 : 5, smoke ? 1 : 11,
                                smoke ? 20 : 200).measure())),
                new Section("6. Archetype", gateOnly ? "the gate run covers only section 5"
                        : buildsOnly ? ArchetypeBench.missing() : buildsSkipped,
                        () -> ArchetypeBench.markdown(new ArchetypeBench(target, smoke ? 1 : 3).measure())),
                new Section("7. LambdaSimulator overhead", inProcessSkipped,
                        () -> SimulatorBench.markdown(new SimulatorBench(smoke).measure())),
                new Section("8. Data API transport", inProcessSkipped,
                        () -> DataApiBench.markdown(new DataApiBench(smoke, work).measure())));
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder(header(smoke));
        List<String> failed = new ArrayList<>();
        if (buildsOnly && (BuildGateBench.missing() != null || ArchetypeBench.missing() != null)) {
            // CI runs this right after installing the toolkit: a section that cannot run has rotted
            failed.add("the Maven-build sections could not run: " + BuildGateBench.missing() + " / " + ArchetypeBench.missing());
        }
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
        String only = System.getProperty("bench.only");
        if (only != null && !only.isBlank() && !List.of(only.split(",")).contains(s.title().substring(0, s.title().indexOf('.')))) {
            return "## " + s.title() + "\n\nNot run: left out by -Dbench.only=" + only + ".\n";
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
