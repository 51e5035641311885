package dev.serverlessmysql.maven;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the ratchet baseline from this build's coverage: {@code mvn verify serverless-mysql:update-baseline}.
 * Commit the file. The check in the same build skips the ratchet comparison.
 */
@Mojo(name = "update-baseline", threadSafe = true)
public final class UpdateBaselineMojo extends AbstractGateMojo {

    /** The baseline file to write. */
    @Parameter(property = "serverlessMysql.baseline",
            defaultValue = "${project.basedir}/serverless-mysql-baseline.properties")
    File baselineFile;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("serverless-mysql: update-baseline skipped (serverlessMysql.skip).");
            return;
        }
        GateResult r;
        try {
            r = Gate.run(config(Thresholds.none(), Thresholds.none(), Thresholds.none(), false, baselineFile, true,
                    null, null), Gate.Mode.UPDATE_BASELINE);
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        }
        if (r.coverageVerdict().status() == Evidence.Status.FAIL) {
            throw new MojoFailureException("serverless-mysql: cannot write a baseline. " + r.coverageVerdict().message());
        }
        if (r.coverageVerdict().status() == Evidence.Status.NOTHING_TO_CHECK) {
            getLog().warn("serverless-mysql: no baseline written: " + r.coverageVerdict().reason());
            return;
        }
        getLog().info("serverless-mysql: coverage baseline written to " + baselineFile + "; commit it.");
    }
}
