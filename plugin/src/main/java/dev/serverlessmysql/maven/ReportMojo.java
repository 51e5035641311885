package dev.serverlessmysql.maven;

import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Writes the HTML ({@code coverage/index.html}) and XML ({@code coverage.xml}) coverage reports only. */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ReportMojo extends AbstractGateMojo {

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("serverless-mysql: report skipped (serverlessMysql.skip).");
            return;
        }
        try {
            GateResult r = Gate.run(config(Thresholds.none(), Thresholds.none(), Thresholds.none(), false, null, false,
                    null, null), Gate.Mode.REPORT);
            if (r.coverageVerdict().status() == Evidence.Status.CHECK) {
                getLog().info("serverless-mysql: coverage report written to " + out().resolve("coverage"));
            } else {
                getLog().info("serverless-mysql: no coverage report: " + r.coverageVerdict().message());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: " + e.getMessage(), e);
        }
    }
}
