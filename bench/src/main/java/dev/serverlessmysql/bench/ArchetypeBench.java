package dev.serverlessmysql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The archetype: time to generate a project with the command {@code ./demo} uses, and to run {@code mvn verify} on it. */
final class ArchetypeBench {

    static final String ARTIFACT = "serverless-mysql-archetype";

    private final Path scratch;
    private final int rounds;

    ArchetypeBench(Path target, int rounds) {
        this.scratch = target.resolve("bench-archetype");
        this.rounds = rounds;
    }

    /** Medians in milliseconds of generating the project and of building it. */
    record Figures(int rounds, double generate, double verify) {

        double total() {
            return generate + verify;
        }
    }

    /** Why the section cannot run here, or null when it can. */
    static String missing() {
        if (MavenRunner.installed("dev.serverlessmysql", ARTIFACT, BuildGateBench.VERSION, "jar") == null) {
            return "dev.serverlessmysql:" + ARTIFACT + ":" + BuildGateBench.VERSION + " is not installed in the local"
                    + " repository; run `./demo` or `mvn -B install -DskipTests` first";
        }
        return BuildGateBench.missing();
    }

    Figures measure() throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        // one unmeasured round fills the local repository with everything the generated project needs
        round(false);
        List<Double> generate = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            double[] r = round(true);
            generate.add(r[0]);
            verify.add(r[1]);
        }
        return new Figures(rounds, Stats.median(generate), Stats.median(verify));
    }

    private double[] round(boolean offline) throws IOException, InterruptedException {
        Path project = scratch.resolve("orders-service");
        delete(project);
        List<String> generate = new ArrayList<>(offline ? List.of("-o") : List.of());
        generate.addAll(List.of("org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate",
                "-DarchetypeGroupId=dev.serverlessmysql", "-DarchetypeArtifactId=" + ARTIFACT,
                "-DarchetypeVersion=" + BuildGateBench.VERSION, "-DgroupId=com.example", "-DartifactId=orders-service",
                "-Dpackage=com.example.orders", "-DinteractiveMode=false"));
        double generated = MavenRunner.run(scratch, generate).millis();
        List<String> verify = new ArrayList<>(offline ? List.of("-o") : List.of());
        verify.add("verify");
        double verified = MavenRunner.run(project, verify).millis();
        return new double[] {generated, verified};
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        return "## 6. Archetype\n\n"
                + "The generate command of `./demo` (`maven-archetype-plugin:3.4.1:generate`, non-interactive), then"
                + " `mvn -B verify` on the generated `orders-service` (compile, tests against a real database, coverage"
                + " and leak gate, Lambda zip), in `bench/target/bench-archetype/`. Warm local repository: one"
                + " unmeasured round first, then " + f.rounds() + " measured offline rounds; medians of whole `mvn`"
                + " commands.\n\n"
                + "| step | median |\n|---|---|\n"
                + String.format("| generate | %s |%n", Stats.ms(f.generate()))
                + String.format("| `mvn verify` | %s |%n", Stats.ms(f.verify()))
                + String.format("| both | %s |%n", Stats.ms(f.total()))
                + "\n| target | measured | met |\n|---|---|---|\n"
                + String.format("| generate and verify under 60 s | %.1f s | %s |%n", f.total() / 1000,
                        f.total() < 60_000 ? "met" : "NOT met");
    }
}
