package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reactor-wide check: every module's classes and execution data merged into one analysis, judged by the same
 * rules as a single module, with its reports under the root's {@code target/serverless-mysql/aggregate}.
 */
final class ReactorCheck {

    /**
     * One module of the reactor, as the aggregate check sees it.
     *
     * @param name the artifactId
     * @param buildDir its {@code target}
     * @param classesDir its compiled main classes
     * @param sourceRoots its main source directories
     * @param reportDirs where its surefire and failsafe write reports
     */
    record Module(String name, Path buildDir, Path classesDir, List<Path> sourceRoots, List<Path> reportDirs) {

        Module(String name, Path buildDir, Path classesDir, List<Path> sourceRoots) {
            this(name, buildDir, classesDir, sourceRoots,
                    List.of(buildDir.resolve("surefire-reports"), buildDir.resolve("failsafe-reports")));
        }

        GateLayout layout() {
            return GateLayout.of(buildDir);
        }

        Path dataFile() {
            return layout().dataFile();
        }
    }

    private ReactorCheck() {
    }

    /** What the analysis reads: every module's classes, data and sources. */
    static CoverageInput input(String rootName, List<Module> modules, String encoding, ClassGlobs includes,
            ClassGlobs excludes) {
        List<Path> classes = new ArrayList<>();
        List<Path> data = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        List<Path> generated = new ArrayList<>();
        for (Module m : modules) {
            classes.add(m.classesDir());
            data.add(m.dataFile());
            roots.addAll(m.sourceRoots());
            generated.add(m.buildDir().resolve("generated-sources"));
        }
        return new CoverageInput(name(rootName, modules), classes, data, roots, generated, encoding, includes,
                excludes);
    }

    static String name(String rootName, List<Module> modules) {
        return "reactor " + rootName + " (" + modules.size() + " modules)";
    }

    /** When prepare first ran in any module, or -1 when in none. */
    static long prepareTime(List<Module> modules) throws IOException {
        long earliest = -1;
        for (Module m : modules) {
            long t = AbstractGateMojo.prepareTime(m.layout().prepareMarker());
            if (t >= 0 && (earliest < 0 || t < earliest)) {
                earliest = t;
            }
        }
        return earliest;
    }

    /** Whether any module's tests ran in this build. */
    static boolean testsRan(List<Module> modules, long since) throws IOException {
        for (Module m : modules) {
            if (TestReports.countSince(m.reportDirs(), Math.max(since, 0)) > 0
                    || Files.isDirectory(m.layout().leakDir())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fails closed before the analysis: modules with classes but no module with execution data means the check
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
