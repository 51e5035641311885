package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The reactor-wide coverage check: merges every module's execution data and classes, applies the same
 * {@code <coverage>}, {@code <classCoverage>}, {@code <handlers>} and excludes to the whole reactor, and writes
 * the report to {@code target/serverless-mysql/aggregate} of the root. Runs once, after the modules' tests:
 * {@code mvn verify serverless-mysql:check-aggregate}.
 */
@Mojo(name = "check-aggregate", aggregator = true, threadSafe = true)
public final class CheckAggregateMojo extends AbstractCheckMojo {

    /** The projects of the reactor. */
    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    List<MavenProject> reactorProjects;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("serverless-mysql: check-aggregate skipped (serverlessMysql.skip).");
            return;
        }
        Thresholds[] limits = thresholds();
        List<ReactorCheck.Module> modules = new ArrayList<>();
        for (MavenProject p : reactorProjects) {
            List<Path> roots = new ArrayList<>();
            p.getCompileSourceRoots().forEach(r -> roots.add(Path.of(r)));
            modules.add(new ReactorCheck.Module(p.getArtifactId(), Path.of(p.getBuild().getDirectory()),
                    Path.of(p.getBuild().getOutputDirectory()), roots));
        }
        Evidence.Verdict missing = ReactorCheck.noData(modules);
        if (missing != null) {
            if (missing.status() == Evidence.Status.FAIL) {
                throw new MojoFailureException("serverless-mysql:check-aggregate failed: " + missing.message());
            }
            getLog().info("serverless-mysql: " + missing.reason());
            return;
        }
        GateConfig config = ReactorCheck.config(project.getArtifactId(), Path.of(project.getBuild().getDirectory()),
                modules, project.getProperties().getProperty("project.build.sourceEncoding", "UTF-8"),
                new ClassGlobs(includes), new ClassGlobs(excludes), propertyName, limits[0], limits[1], limits[2],
                changedLineRule());
        try {
            conclude(Gate.run(config, Gate.Mode.CHECK));
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        }
    }
}
