package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
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
 * coverage report and report.json under target/serverless-mysql, and TEST-serverless-mysql.xml beside surefire's
 * reports.
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
    String goal() {
        return "check";
    }

    @Override
    void run() throws IOException, MojoExecutionException, MojoFailureException {
        Thresholds[] limits = thresholds();
        GateLayout layout = layout();
        List<AgentRun> runs = leakCheck ? agentRuns() : List.of();
        long prepared = prepareTime(layout.prepareMarker());
        boolean testsRan = testsRan(prepared);
        CoverageInput in = coverageInput();
        CoverageStep.Analysis analysis = CoverageStep.analyse(in, testsRan, prepared >= 0, propertyName);
        try (CoverageStep.PendingReports reports = CoverageStep.startReports(analysis, layout, in)) {
            boolean updating = updateBaseline;
            for (String g : session.getGoals()) {
                updating |= g.endsWith(":update-baseline");
            }
            CoverageStep.Ratchet r = CoverageStep.Ratchet.OFF;
            if (analysis.measured() && updateBaseline) {
                Baseline.of(analysis.data().bundle(), analysis.data().classes()).write(baselineFile.toPath());
                r = CoverageStep.Ratchet.skipped("baseline written to " + baselineFile + "; commit it.");
            } else if (ratchet && updating) {
                r = CoverageStep.Ratchet.skipped("the baseline is being updated in this build");
            } else if (ratchet && analysis.measured()) {
                r = CoverageStep.Ratchet.read(baselineFile.toPath());
            }
            CoverageOutcome coverage = CoverageStep.judge(analysis, limits[0], limits[1], limits[2], r,
                    changedLineRule());

            LeakOutcome leaks;
            if (leakCheck) {
                boolean data = CoverageData.anyData(in.dataFiles());
                Evidence.Facts facts = new Evidence.Facts(0, 0, testsRan || data, prepared >= 0,
                        dataPath().toString(), data, 0, 0, propertyName);
                leaks = LeakStep.judge(facts, runs, leakExceptions, configuredPatterns());
            } else {
                leaks = LeakOutcome.notChecked(leakCheckOff());
            }
            conclude(goal(), project.getArtifactId(), coverage, leaks, layout, reports, GateLayout.JUNIT);
        }
    }
}
