package dev.serverlessmysql.maven;

import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Writes the HTML (coverage/index.html) and XML (coverage.xml) coverage reports only. */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ReportMojo extends AbstractGateMojo {

    @Override
    String goal() {
        return "report";
    }

    @Override
    void run() throws IOException {
        GateLayout layout = layout();
        CoverageInput in = coverageInput();
        long prepared = prepareTime(layout.prepareMarker());
        CoverageStep.Analysis a = CoverageStep.analyse(in, testsRan(prepared), prepared >= 0, propertyName);
        if (CoverageStep.writeReports(a, layout, in).isEmpty()) {
            getLog().info("serverless-mysql: no coverage report: " + a.verdict().message());
        } else {
            getLog().info("serverless-mysql: coverage report written to " + layout.coverageHtml());
        }
    }
}
