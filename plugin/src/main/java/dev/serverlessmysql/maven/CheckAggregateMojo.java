package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The reactor-wide coverage check: merges every module's execution data and classes, applies the same
 * coverage, classCoverage and handlers minimums and excludes to the whole reactor, and writes the report to
 * target/serverless-mysql/aggregate of the root. Runs once, after the modules' tests:
 * mvn verify serverless-mysql:check-aggregate.
 */
@Mojo(name = "check-aggregate", aggregator = true, threadSafe = true)
public final class CheckAggregateMojo extends AbstractCheckMojo {

    static final String LEAKS_PER_MODULE = "checked per module by serverless-mysql:check; the reactor-wide check"
            + " covers coverage only.";

    /** The projects of the reactor. */
    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    List<MavenProject> reactorProjects;

    @Override
    String goal() {
        return "check-aggregate";
    }

    @Override
    void run() throws IOException, MojoExecutionException, MojoFailureException {
        adoptModulesConfiguration();
        Thresholds[] limits = thresholds();
        List<ReactorCheck.Module> modules = new ArrayList<>();
        for (MavenProject p : reactorProjects) {
            List<Path> roots = new ArrayList<>();
            p.getCompileSourceRoots().forEach(r -> roots.add(Path.of(r)));
            modules.add(new ReactorCheck.Module(p.getArtifactId(), Path.of(p.getBuild().getDirectory()),
                    Path.of(p.getBuild().getOutputDirectory()), roots, TestPlugins.reportDirectories(p)));
        }
        Evidence.Verdict missing = ReactorCheck.noData(modules);
        if (missing != null) {
            if (missing.status() == Evidence.Status.FAIL) {
                throw new MojoFailureException("serverless-mysql:check-aggregate failed: " + missing.message());
            }
            getLog().info("serverless-mysql: " + missing.reason());
            return;
        }
        GateLayout layout = GateLayout.of(Path.of(project.getBuild().getDirectory())).aggregate();
        CoverageInput in = ReactorCheck.input(project.getArtifactId(), modules, encoding(project),
                new ClassGlobs(includes), new ClassGlobs(excludes));
        long prepared = ReactorCheck.prepareTime(modules);
        CoverageStep.Analysis a = CoverageStep.analyse(in, ReactorCheck.testsRan(modules, prepared), prepared >= 0,
                propertyName);
        try (CoverageStep.PendingReports reports = CoverageStep.startReports(a, layout, in)) {
            CoverageOutcome coverage = CoverageStep.judge(a, limits[0], limits[1], limits[2],
                    CoverageStep.Ratchet.OFF, changedLineRule());
            conclude(goal(), in.name(), coverage, LeakOutcome.notChecked(LEAKS_PER_MODULE), layout, reports,
                    "TEST-serverless-mysql-aggregate.xml");
        }
    }

    /**
     * Run from an aggregator root that is not the modules' parent, the goal sees none of their configuration; it
     * then takes the modules' own, when they agree, and fails at once with the fix when they do not.
     */
    private void adoptModulesConfiguration() throws MojoExecutionException {
        if (coverage != null || classCoverage != null || handlers != null || includes != null || excludes != null) {
            return;
        }
        Map<String, List<String>> byConfig = new LinkedHashMap<>();
        Map<String, Xpp3Dom> doms = new LinkedHashMap<>();
        for (MavenProject p : reactorProjects) {
            for (Plugin plugin : p.getBuildPlugins()) {
                if (TestSetup.PLUGIN.equals(plugin.getKey()) && plugin.getConfiguration() instanceof Xpp3Dom dom) {
                    String key = ModuleConfiguration.key(dom);
                    if (!key.isEmpty()) {
                        byConfig.computeIfAbsent(key, k -> new ArrayList<>()).add(p.getArtifactId());
                        doms.putIfAbsent(key, dom);
                    }
                }
            }
        }
        if (byConfig.isEmpty()) {
            return;
        }
        if (byConfig.size() > 1) {
            StringBuilder b = new StringBuilder("serverless-mysql:check-aggregate runs at " + project.getArtifactId()
                    + ", which configures no minimums, and the modules configure different ones:");
            byConfig.values().forEach(m -> b.append("\n  ").append(String.join(", ", m)));
            b.append("\nFix: give the root POM (or a parent all modules share) the plugin's <configuration> with the"
                    + " reactor-wide minimums.");
            throw new MojoExecutionException(b.toString());
        }
        String key = byConfig.keySet().iterator().next();
        ModuleConfiguration.apply(doms.get(key), this);
        getLog().info("serverless-mysql: " + project.getArtifactId() + " configures no minimums; using the modules'"
                + " (" + String.join(", ", byConfig.get(key)) + ").");
    }
}
