package dev.serverlessmysql.maven;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the ratchet baseline from this build's coverage: mvn verify serverless-mysql:update-baseline.
 * Commit the file. The check in the same build skips the ratchet comparison.
 */
@Mojo(name = "update-baseline", threadSafe = true)
public final class UpdateBaselineMojo extends AbstractGateMojo {

    /** The baseline file to write. */
    @Parameter(property = "serverlessMysql.baseline",
            defaultValue = "${project.basedir}/serverless-mysql-baseline.properties")
    File baselineFile;

    @Override
    String goal() {
        return "update-baseline";
    }

    @Override
    void run() throws IOException, MojoFailureException {
        GateLayout layout = layout();
        long prepared = prepareTime(layout.prepareMarker());
        CoverageStep.Analysis a = CoverageStep.analyse(coverageInput(), testsRan(prepared), prepared >= 0, propertyName);
        if (a.verdict().status() == Evidence.Status.FAIL) {
            throw new MojoFailureException("serverless-mysql: cannot write a baseline. " + a.verdict().message());
        }
        if (!a.measured()) {
            getLog().warn("serverless-mysql: no baseline written: " + a.verdict().reason());
            return;
        }
        Baseline.of(a.data().bundle(), a.data().classes()).write(baselineFile.toPath());
        getLog().info("serverless-mysql: coverage baseline written to " + baselineFile + "; commit it.");
    }
}
