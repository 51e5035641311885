package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
import dev.serverlessmysql.leak.LeakResults;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Parameters shared by every goal, and JaCoCo's shape: one final {@link #execute()} that handles skip and then
 * calls the goal's own step.
 */
abstract class AbstractGateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "serverlessMysql.skip", defaultValue = "false")
    boolean skip;

    /** The property that surefire and failsafe reference late, as @{argLine}. */
    @Parameter(property = "serverlessMysql.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where the reports, the execution data and the leak results go; by default target/serverless-mysql. */
    @Parameter
    File outputDirectory;

    /** The JaCoCo execution data file; by default target/serverless-mysql/jacoco.exec. */
    @Parameter(property = "serverlessMysql.dataFile")
    File dataFile;

    /** The compiled classes to measure. */
    @Parameter(defaultValue = "${project.build.outputDirectory}")
    File classesDirectory;

    /** Class globs to cover; empty means all. Same syntax as excludes. */
    @Parameter
    List<String> includes;

    /**
     * Class globs to leave out of the report and the check alike, e.g. com.example.config.** or **.*Config. Nested classes follow their outer class.
     */
    @Parameter
    List<String> excludes;

    /** Directories of generated sources; classes compiled from them are left out. */
    @Parameter
    List<File> generatedSourceDirectories;

    /** Whether the connection-leak check runs. */
    @Parameter(property = "serverlessMysql.leakCheck", defaultValue = "true")
    boolean leakCheck;

    /**
     * Client classes besides dev.serverlessmysql.ServerlessMysql: each instance may keep one connection open across
     * tests (Lambda invocations), never more. Patterns: com.example.Db, com.example.db.* (a package),
     * com.example.db.** (with subpackages).
     */
    @Parameter
    List<String> clients;

    /** Extra pool packages (prefixes) whose connections belong to a pool. */
    @Parameter
    List<String> pools;

    /** Extra library packages (prefixes) that a leak report looks through to find the user's code. */
    @Parameter
    List<String> libraries;

    /** Class patterns the leak agent leaves alone, e.g. generated code it cannot instrument. */
    @Parameter
    List<String> leakAgentExcludes;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("serverless-mysql: " + goal() + " skipped (serverlessMysql.skip).");
            skipped();
            return;
        }
        try {
            run();
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's name, for messages. */
    abstract String goal();

    /** The goal's own step. */
    abstract void run() throws IOException, MojoExecutionException, MojoFailureException;

    /** What a goal does when skipped, besides saying so. */
    void skipped() {
    }

    GateLayout layout() {
        return outputDirectory != null ? new GateLayout(outputDirectory.toPath())
                : GateLayout.of(Path.of(project.getBuild().getDirectory()));
    }

    Path dataPath() {
        return dataFile != null ? dataFile.toPath() : layout().dataFile();
    }

    /** The module's classes, data and sources, as the coverage analysis reads them. */
    CoverageInput coverageInput() {
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
        return new CoverageInput(project.getArtifactId(), List.of(classesDirectory.toPath()), List.of(dataPath()),
                roots, generated, encoding(project), new ClassGlobs(includes), new ClassGlobs(excludes));
    }

    static String encoding(MavenProject p) {
        return p.getProperties().getProperty("project.build.sourceEncoding", "UTF-8");
    }

    /** The leak agents' results of this build. */
    List<AgentRun> agentRuns() throws IOException {
        return LeakResults.readAll(layout().leakDir());
    }

    /** The patterns the user configured, keyed as the agent records them, with the POM element that set each. */
    Map<String, String> configuredPatterns() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "clients", "client", clients);
        put(m, "pools", "pool", pools);
        put(m, "libraries", "library", libraries);
        put(m, "excludes", "leakAgentExclude", leakAgentExcludes);
        return m;
    }

    private static void put(Map<String, String> m, String kind, String element, List<String> values) {
        if (values != null) {
            String list = kind.equals("excludes") ? "leakAgentExcludes" : kind;
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    m.put(kind + ":" + v.trim(), "<" + list + "><" + element + ">" + v.trim() + "</" + element + ">");
                }
            }
        }
    }

    /** Why the leak check is off, in the words the user used to turn it off. */
    String leakCheckOff() {
        String user = session.getUserProperties().getProperty("serverlessMysql.leakCheck");
        return "not checked (" + (user != null ? "-DserverlessMysql.leakCheck=" + user : "<leakCheck>false</leakCheck>")
                + ").";
    }

    /**
     * Whether a test JVM ran in this build: surefire or failsafe wrote reports, in their default or configured
     * folders, or a leak agent recorded a run. A run that happened never counts as "no tests ran".
     */
    boolean testsRan(long prepared) throws IOException {
        return TestReports.countSince(TestPlugins.reportDirectories(project), Math.max(prepared, 0)) > 0
                || !agentRuns().isEmpty();
    }

    /** When prepare ran (epoch millis), or -1 when it did not run in this build. */
    static long prepareTime(Path marker) throws IOException {
        if (marker == null || !Files.isRegularFile(marker)) {
            return -1;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            p.load(in);
        }
        try {
            return Long.parseLong(p.getProperty("time", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
