package dev.serverlessmysql.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reactor-wide check: every module's classes and execution data merged into one bundle, judged by the same
 * {@link Gate} and rules as a single module, with its reports under the root's
 * {@code target/serverless-mysql/aggregate}.
 */
final class ReactorCheck {

    /**
     * One module of the reactor, as the aggregate check sees it.
     *
     * @param name the artifactId
     * @param buildDir its {@code target}
     * @param classesDir its compiled main classes
     * @param sourceRoots its main source directories
     */
    record Module(String name, Path buildDir, Path classesDir, List<Path> sourceRoots) {

        Path gateDir() {
            return buildDir.resolve("serverless-mysql");
        }

        Path dataFile() {
            return gateDir().resolve("jacoco.exec");
        }
    }

    private ReactorCheck() {
    }

    /** The gate's configuration for the whole reactor: module limits apply to the reactor total, no leak check. */
    static GateConfig config(String rootName, Path rootBuildDir, List<Module> modules, String encoding,
            ClassGlobs includes, ClassGlobs excludes, String propertyName, Thresholds total, Thresholds perClass,
            Thresholds handlers, LineDiff.Rule changedLines) {
        List<Path> classes = new ArrayList<>();
        List<Path> data = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        List<Path> generated = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        List<Path> markers = new ArrayList<>();
        for (Module m : modules) {
            classes.add(m.classesDir());
            data.add(m.dataFile());
            roots.addAll(m.sourceRoots());
            generated.add(m.buildDir().resolve("generated-sources"));
            reports.add(m.buildDir().resolve("surefire-reports"));
            reports.add(m.buildDir().resolve("failsafe-reports"));
            markers.add(m.gateDir().resolve(AbstractGateMojo.PREPARE_MARKER));
        }
        Path out = rootBuildDir.resolve("serverless-mysql").resolve("aggregate");
        return new GateConfig("reactor " + rootName + " (" + modules.size() + " modules)", classes, data, roots,
                generated, encoding, includes, excludes, out, reports, markers, propertyName, total, perClass,
                handlers, false, null, false, false, out.resolve("leaks"), List.of(), null, changedLines);
    }

    /**
     * Fails closed before the gate runs: modules with classes but no module with execution data means the check
     * ran before the tests, or without {@code prepare}; returns {@code null} when there is data to merge.
     */
    static Evidence.Verdict noData(List<Module> modules) {
        List<String> withClasses = new ArrayList<>();
        for (Module m : modules) {
            if (CoverageData.anyData(List.of(m.dataFile()))) {
                return null;
            }
            if (Files.isDirectory(m.classesDir())) {
                withClasses.add(m.name());
            }
        }
        if (withClasses.isEmpty()) {
            return Evidence.Verdict.nothing("no module of the reactor has classes: reactor coverage not checked.");
        }
        return Evidence.Verdict.fail("No module of the reactor produced execution data (looked for"
                + " target/serverless-mysql/jacoco.exec in " + String.join(", ", withClasses) + "), so there is no"
                + " reactor coverage to check.",
                "run the aggregate check in the same build after the tests, mvn verify serverless-mysql:check-aggregate,"
                + " with the prepare goal bound in every module (declare the plugin with prepare and check in the parent"
                + " POM's <build><plugins>).");
    }
}
