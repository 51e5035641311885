package dev.serverlessmysql.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The coverage minimums and the verdict handling shared by the module check and the reactor-wide check. */
abstract class AbstractCheckMojo extends AbstractGateMojo {

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

    /**
     * Coverage of the lines added or changed since a git base:
     * {@code <changedLines><base>origin/main</base><line>0.80</line></changedLines>}.
     */
    @Parameter
    ChangedLines changedLines;

    /** Overrides {@code <changedLines><base>}. */
    @Parameter(property = "serverlessMysql.changedLines.base")
    String changedLinesBase;

    /** When false, failures are logged as errors and the build goes on. */
    @Parameter(property = "serverlessMysql.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    /** The total, per-class and handler minimums, with the command-line overrides applied. */
    Thresholds[] thresholds() throws MojoExecutionException {
        try {
            Thresholds total = coverage == null ? Thresholds.none() : coverage.toThresholds("<coverage>");
            total.set(Counter.LINE, coverageLine, "serverlessMysql.coverage");
            total.set(Counter.BRANCH, coverageBranch, "serverlessMysql.coverage");
            changedLineRule();
            return new Thresholds[] {total,
                classCoverage == null ? Thresholds.none() : classCoverage.toThresholds("<classCoverage>"),
                handlers == null ? Thresholds.none() : handlers.toThresholds("<handlers>")};
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    @Override
    LineDiff.Rule changedLineRule() {
        if (changedLines == null) {
            return null;
        }
        if (changedLinesBase != null && !changedLinesBase.isBlank()) {
            changedLines.setBase(changedLinesBase);
        }
        // the session root: git runs in the work tree the build was started in
        return changedLines.toRule(session.getExecutionRootDirectory() == null ? project.getBasedir().toPath()
                : java.nio.file.Path.of(session.getExecutionRootDirectory()));
    }

    /** Logs the summary and fails the build (or only logs, without haltOnFailure) when the gate failed. */
    void conclude(GateResult result) throws MojoFailureException {
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
