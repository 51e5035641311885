package dev.serverlessmysql.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by every goal; subclasses only translate them into a {@link GateConfig}. */
abstract class AbstractGateMojo extends AbstractMojo {

    static final String PREPARE_MARKER = "prepare.properties";
    static final String LEAK_DIR = "leaks";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "serverlessMysql.skip", defaultValue = "false")
    boolean skip;

    /** The property that surefire and failsafe reference as {@code @{argLine}}. */
    @Parameter(property = "serverlessMysql.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where the reports, the execution data and the leak results go. */
    @Parameter(defaultValue = "${project.build.directory}/serverless-mysql")
    File outputDirectory;

    /** The JaCoCo execution data file. */
    @Parameter(property = "serverlessMysql.dataFile",
            defaultValue = "${project.build.directory}/serverless-mysql/jacoco.exec")
    File dataFile;

    /** The compiled classes to measure. */
    @Parameter(defaultValue = "${project.build.outputDirectory}")
    File classesDirectory;

    /** Class globs to cover; empty means all. Same syntax as excludes. */
    @Parameter
    List<String> includes;

    /**
     * Class globs to leave out of the report and the check alike, e.g. {@code com.example.config.**} or
     * {@code **.*Config}. Nested classes follow their outer class.
     */
    @Parameter
    List<String> excludes;

    /** Directories of generated sources; classes compiled from them are left out. */
    @Parameter
    List<File> generatedSourceDirectories;

    /** Whether the connection-leak check runs. */
    @Parameter(property = "serverlessMysql.leakCheck", defaultValue = "true")
    boolean leakCheck;

    Path out() {
        return outputDirectory.toPath();
    }

    Path leakDir() {
        return out().resolve(LEAK_DIR);
    }

    Path marker() {
        return out().resolve(PREPARE_MARKER);
    }

    /** The changed-lines rule of the goals that check coverage; {@code null} for the others. */
    LineDiff.Rule changedLineRule() {
        return null;
    }

    GateConfig config(Thresholds module, Thresholds perClass, Thresholds handlers, boolean ratchet, File baseline,
            boolean updateBaseline, List<LeakException> leakExceptions, String ratchetSkippedFor) {
        List<Path> roots = new ArrayList<>();
        for (String r : project.getCompileSourceRoots()) {
            roots.add(Path.of(r));
        }
        List<Path> generated = new ArrayList<>();
        if (generatedSourceDirectories != null && !generatedSourceDirectories.isEmpty()) {
            generatedSourceDirectories.forEach(f -> generated.add(f.toPath()));
        } else {
            generated.add(Path.of(project.getBuild().getDirectory(), "generated-sources"));
        }
        Path target = Path.of(project.getBuild().getDirectory());
        String encoding = project.getProperties().getProperty("project.build.sourceEncoding", "UTF-8");
        return new GateConfig(project.getArtifactId(), List.of(classesDirectory.toPath()), List.of(dataFile.toPath()), roots,
                generated, encoding, new ClassGlobs(includes), new ClassGlobs(excludes), out(),
                List.of(target.resolve("surefire-reports"), target.resolve("failsafe-reports")), List.of(marker()),
                propertyName, module, perClass, handlers, ratchet, baseline == null ? null : baseline.toPath(),
                updateBaseline, leakCheck, leakDir(), leakExceptions, ratchetSkippedFor, changedLineRule());
    }
}
