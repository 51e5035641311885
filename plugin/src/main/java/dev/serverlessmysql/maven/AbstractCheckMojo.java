package dev.serverlessmysql.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The coverage minimums and the verdict handling shared by the module check and the reactor-wide check. */
abstract class AbstractCheckMojo extends AbstractGateMojo {

    /** Module minimums, as ratios (0.80) or percentages (80%): a coverage element with line, branch, instruction, method or complexity children. */
    @Parameter
    Coverage coverage;

    /** Overrides the line minimum of coverage. */
    @Parameter(property = "serverlessMysql.coverage.line")
    String coverageLine;

    /** Overrides the branch minimum of coverage. */
    @Parameter(property = "serverlessMysql.coverage.branch")
    String coverageBranch;

    /** Minimums every class must meet, in the same form as coverage. */
    @Parameter
    Coverage classCoverage;

    /**
     * Minimums for Lambda handlers (classes implementing RequestHandler or RequestStreamHandler, found from the
     * bytecode); they only ever tighten classCoverage.
     */
    @Parameter
    Coverage handlers;

    /**
     * Coverage of the lines added or changed since the merge base with a git revision: a changedLines element with
     * a base child (origin/main) and a line child (0.80).
     */
    @Parameter
    ChangedLines changedLines;

    /** Overrides the base of changedLines. */
    @Parameter(property = "serverlessMysql.changedLines.base")
    String changedLinesBase;

    /** When false, failures are logged as errors and the build goes on. */
    @Parameter(property = "serverlessMysql.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    /**
     * Where the JUnit XML of the verdicts goes, for CI tools that collect test reports; by default beside
     * surefire's own reports (its configured reportsDirectory, else target/surefire-reports).
     */
    @Parameter(property = "serverlessMysql.junitReportDirectory")
    File junitReportDirectory;

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

    /** The changed-lines rule, or {@code null} when it is off. */
    LineDiff.Rule changedLineRule() {
        if (changedLines == null) {
            return null;
        }
        if (changedLinesBase != null && !changedLinesBase.isBlank()) {
            changedLines.setBase(changedLinesBase);
        }
        // the session root: git runs in the work tree the build was started in
        return changedLines.toRule(session.getExecutionRootDirectory() == null ? project.getBasedir().toPath()
                : Path.of(session.getExecutionRootDirectory()));
    }

    Path junitDirectory() {
        return junitReportDirectory != null ? junitReportDirectory.toPath() : TestPlugins.surefireReports(project);
    }

    /**
     * Writes report.json and the JUnit XML while the coverage report is being written, waits for that, then logs
     * the summary and fails the build when the gate failed.
     */
    void conclude(String goal, String module, CoverageOutcome coverage, LeakOutcome leaks, GateLayout layout,
            CoverageStep.PendingReports coverageReports, String junitName) throws IOException, MojoFailureException {
        List<String> files = new ArrayList<>(coverageReports.expected());
        files.addAll(ReportFiles.files(layout, junitDirectory(), junitName));
        GateReport report = new GateReport(goal, module, coverage, leaks, layout, files);
        ReportFiles.write(report, junitDirectory(), junitName);
        coverageReports.files();
        for (String line : Messages.summary(report)) {
            if (line.contains("FAILED")) {
                getLog().error("serverless-mysql: " + line);
            } else {
                getLog().info("serverless-mysql: " + line);
            }
        }
        if (report.failed()) {
            String message = Messages.failure(report);
            if (haltOnFailure) {
                throw new MojoFailureException(message);
            }
            getLog().error(message);
        }
    }
}
