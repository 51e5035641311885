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
public final class CheckMojo extends AbstractGateMojo {

    /** Module minimums: {@code <coverage><line>0.80</line><branch>0.70</branch></coverage>}. */
    @Parameter
    Coverage coverage;

    /** Overrides {@code <coverage><line>}. */
    @Parameter(property = "serverlessMysql.coverage.line")
    String coverageLine;

    /** Overrides {@code <coverage><branch>}. */
    @Parameter(property = "serverlessMysql.coverage.branch")
    String coverageBranch;

    /** Minimums every class must meet, same form as {@code <coverage>}. */
    @Parameter
    Coverage classCoverage;

    /**
     * Minimums for Lambda handlers (classes implementing {@code RequestHandler} or {@code RequestStreamHandler},
     * found from the bytecode); they only ever tighten {@code <classCoverage>}.
     */
    @Parameter
    Coverage handlers;

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

    /** When false, failures are logged as errors and the build goes on. */
    @Parameter(property = "serverlessMysql.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("serverless-mysql: check skipped (serverlessMysql.skip).");
            return;
        }
        Thresholds module;
        Thresholds perClass;
        Thresholds handlerLimits;
        try {
            module = coverage == null ? Thresholds.none() : coverage.toThresholds("<coverage>");
            module.set(Counter.LINE, coverageLine, "serverlessMysql.coverage");
            module.set(Counter.BRANCH, coverageBranch, "serverlessMysql.coverage");
            perClass = classCoverage == null ? Thresholds.none() : classCoverage.toThresholds("<classCoverage>");
            handlerLimits = handlers == null ? Thresholds.none() : handlers.toThresholds("<handlers>");
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        boolean updating = updateBaseline || session.getGoals().stream().anyMatch(g -> g.endsWith(":update-baseline"));
        GateConfig config = config(module, perClass, handlerLimits, ratchet && !updating, baselineFile,
                updateBaseline, leakExceptions,
                ratchet && updating ? "the baseline is being updated in this build" : null);
        GateResult result;
        try {
            result = Gate.run(config, Gate.Mode.CHECK);
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        }
        for (String line : Messages.summary(result)) {
            if (line.contains("FAILED")) {
                getLog().error("serverless-mysql: " + line);
            } else {
                getLog().info("serverless-mysql: " + line);
            }
        }
        if (result.failed()) {
            String message = Messages.failure(result);
            if (haltOnFailure) {
                throw new MojoFailureException(message);
            }
            getLog().error(message);
        }
    }
}
