package dev.serverlessmysql.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build gate: {@code serverless-mysql:check} against {@code jacoco:check} on the same execution data, and a
 * JDBC-heavy test suite with the connection-leak agent against the same suite without it. Both run in a throwaway
 * Maven project written under {@code target/}, alternately, offline.
 */
final class BuildGateBench {

    static final String VERSION = "0.1.0-SNAPSHOT";
    static final String PLUGIN = "dev.serverlessmysql:serverless-mysql-maven-plugin:" + VERSION;
    static final String JACOCO = "org.jacoco:jacoco-maven-plugin";

    private final Path project;
    private final Path parentPom;
    private final int rounds;
    private final int checkRounds;
    private final int repetitions;

    /**
     * @param rounds alternating rounds of the suite with and without the leak check (about 80 s each)
     * @param checkRounds alternating rounds of the check goals (about 10 s each): more of them, for a steadier median
     *     of a goal that takes under a second
     */
    BuildGateBench(Path target, Path parentPom, int rounds, int checkRounds, int repetitions) {
        this.project = target.resolve("bench-gate").resolve("gate-suite");
        this.parentPom = parentPom;
        this.rounds = rounds;
        this.checkRounds = checkRounds;
        this.repetitions = repetitions;
    }

    /**
     * Medians in milliseconds: goal times of the two checks, and test-goal times of the suite with and without;
     * and the machine's one-minute load average when the section began and ended.
     */
    record Figures(int rounds, int checkRounds, int repetitions, double gateCheck, double jacocoCheck,
                   double jacocoReportAndCheck, double withLeakCheck, double withoutLeakCheck, double gateCommand,
                   double jacocoCommand, double loadBefore, double loadAfter) {
    }

    /** Why the section cannot run here, or null when it can. */
    static String missing() {
        for (String artifact : List.of("serverless-mysql-maven-plugin", "serverless-mysql-leak-agent", "serverless-mysql-test")) {
            if (MavenRunner.installed("dev.serverlessmysql", artifact, VERSION, "jar") == null) {
                return "dev.serverlessmysql:" + artifact + ":" + VERSION + " is not installed in the local repository;"
                        + " run `./demo` or `mvn -B install -DskipTests` first";
            }
        }
        return null;
    }

    Figures measure() throws IOException, InterruptedException {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        write();
        // resolves and warms everything once, online, and leaves the execution data both checks read
        MavenRunner.run(project, List.of("test"));
        MavenRunner.run(project, List.of(JACOCO + ":check"));
        List<Double> gate = new ArrayList<>();
        List<Double> jacoco = new ArrayList<>();
        List<Double> gateCommand = new ArrayList<>();
        List<Double> jacocoCommand = new ArrayList<>();
        List<Double> reportAndCheck = new ArrayList<>();
        for (int i = 0; i < checkRounds; i++) {
            MavenRunner.Run g = MavenRunner.run(project, List.of("-o", PLUGIN + ":check"));
            gate.add(g.goalMillis("serverless-mysql-maven-plugin", "check"));
            gateCommand.add(g.millis());
            MavenRunner.Run j = MavenRunner.run(project, List.of("-o", JACOCO + ":check"));
            jacoco.add(j.goalMillis("jacoco-maven-plugin", "check"));
            jacocoCommand.add(j.millis());
            MavenRunner.Run rc = MavenRunner.run(project, List.of("-o", JACOCO + ":report", JACOCO + ":check"));
            reportAndCheck.add(rc.goalMillis("jacoco-maven-plugin", "report") + rc.goalMillis("jacoco-maven-plugin", "check"));
        }
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            with.add(suite(true));
            without.add(suite(false));
        }
        return new Figures(rounds, checkRounds, repetitions, Stats.median(gate), Stats.median(jacoco),
                Stats.median(reportAndCheck), Stats.median(with), Stats.median(without), Stats.median(gateCommand),
                Stats.median(jacocoCommand), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The surefire goal's time with the coverage agent, and the leak agent when {@code leakCheck}. */
    private double suite(boolean leakCheck) throws IOException, InterruptedException {
        MavenRunner.Run r = MavenRunner.run(project, List.of("-o", "-DserverlessMysql.leakCheck=" + leakCheck,
                PLUGIN + ":prepare", "surefire:test"));
        return r.goalMillis("maven-surefire-plugin", "test");
    }

    private void write() throws IOException {
        Path relativeParent = project.toAbsolutePath().relativize(parentPom.toAbsolutePath());
        copy("pom.xml.txt", project.resolve("pom.xml"), "@VERSION@", VERSION, "@PARENT@", relativeParent.toString());
        Path main = project.resolve("src/main/java/bench/gate");
        Path test = project.resolve("src/test/java/bench/gate");
        copy("Orders.java.txt", main.resolve("Orders.java"));
        copy("OrdersTest.java.txt", test.resolve("OrdersTest.java"), "@REPETITIONS@", Integer.toString(repetitions));
        copy("schema.sql", project.resolve("src/test/resources/schema.sql"));
    }

    private static void copy(String resource, Path to, String... replacements) throws IOException {
        String text;
        try (InputStream in = BuildGateBench.class.getResourceAsStream("/bench/gate-project/" + resource)) {
            if (in == null) {
                throw new IOException("resource bench/gate-project/" + resource + " is missing from the bench module");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Files.createDirectories(to.getParent());
        Files.writeString(to, text);
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        double gateRatio = f.gateCheck() / f.jacocoReportAndCheck();
        double checkOnlyRatio = f.gateCheck() / f.jacocoCheck();
        double leakRatio = f.withLeakCheck() / f.withoutLeakCheck();
        return "## 5. Build gate\n\n"
                + "A throwaway Maven project under `bench/target/bench-gate/` (the toolkit's parent for its pins), with a"
                + " JDBC-heavy suite: one `@MySqlTest` class, " + f.repetitions() + " tests of 14 connections and"
                + " statements each. Every figure is a median of alternating offline (`mvn -B -o`) runs: "
                + f.checkRounds() + " rounds of the check goals, " + f.rounds() + " of the suite. A goal's time is"
                + " read from Maven's time-stamped log, from the goal's first line to the next goal or the build"
                + " summary. All read the same `jacoco.exec`, written by one earlier test run under"
                + " `serverless-mysql:prepare`. `serverless-mysql:check` decides both verdicts and writes every report"
                + " (HTML, XML, report.json, JUnit XML) from one analysis; its like-for-like counterpart is"
                + " `jacoco:report` plus `jacoco:check`, which analyse the data once each. The suite runs"
                + " `serverless-mysql:prepare surefire:test` with `-DserverlessMysql.leakCheck=true` or `false` (the"
                + " coverage agent is on in both)."
                + String.format(" One-minute load average of the machine when the section began: %.1f, when it"
                        + " ended: %.1f (the machine has %d cores).%n%n", f.loadBefore(), f.loadAfter(),
                        Runtime.getRuntime().availableProcessors())
                + "| measurement | median |\n|---|---|\n"
                + String.format("| `serverless-mysql:check` goal | %s (whole `mvn` command %s) |%n", Stats.ms(f.gateCheck()), Stats.ms(f.gateCommand()))
                + String.format("| `jacoco:check` goal | %s (whole `mvn` command %s) |%n", Stats.ms(f.jacocoCheck()), Stats.ms(f.jacocoCommand()))
                + String.format("| `jacoco:report` + `jacoco:check` goals | %s |%n", Stats.ms(f.jacocoReportAndCheck()))
                + String.format("| suite with the leak check (surefire goal) | %s |%n", Stats.ms(f.withLeakCheck()))
                + String.format("| suite without it (surefire goal) | %s |%n", Stats.ms(f.withoutLeakCheck()))
                + "\n| target | measured | met |\n|---|---|---|\n"
                + String.format("| `serverless-mysql:check` / (`jacoco:report` + `jacoco:check`) <= 1.0 | %.2f | %s |%n",
                        gateRatio, gateRatio <= 1.0 ? "met" : "NOT met")
                + String.format("| for context: `serverless-mysql:check` / `jacoco:check` alone (no report) | %.2f | - |%n",
                        checkOnlyRatio)
                + String.format("| suite with / without the leak check <= 1.05 | %.3f | %s |%n", leakRatio,
                        leakRatio <= 1.05 ? "met" : "NOT met");
    }
}
