package dev.serverlessmysql.maven;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Decides both verdicts, coverage and connection leaks, and fails the build on either. Writes the HTML and XML
 * coverage report, {@code report.json} and {@code TEST-serverless-mysql.xml} under
 * {@code target/serverless-mysql}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractCheckMojo {

    /** Ratchet mode: coverage may not fall below the committed baseline. */
    @Parameter(property = "serverlessMysql.ratchet", defaultValue = "false")
    boolean ratchet;

    /** The committed baseline file for ratchet mode. */
    @Parameter(property = "serverlessMysql.baseline",
            defaultValue = "${project.basedir}/serverless-mysql-baseline.properties")
    File baselineFile;

    /** Write the baseline from this build instead of comparing with it. */
    @Parameter(property = "serverlessMysql.updateBaseline", defaultValue = "false")
    boolean updateBaseline;

    /** Accepted leaks, each with a reason. */
    @Parameter
    List<LeakException> leakExceptions;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("serverless-mysql: check skipped (serverlessMysql.skip).");
            return;
        }
        Thresholds[] limits = thresholds();
        boolean updating = updateBaseline || session.getGoals().stream().anyMatch(g -> g.endsWith(":update-baseline"));
        GateConfig config = config(limits[0], limits[1], limits[2], ratchet && !updating, baselineFile,
                updateBaseline, leakExceptions,
                ratchet && updating ? "the baseline is being updated in this build" : null);
        GateResult result;
        try {
            result = Gate.run(config, Gate.Mode.CHECK);
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        }
        conclude(result);
    }
}
