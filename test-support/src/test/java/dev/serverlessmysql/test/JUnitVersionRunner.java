package dev.serverlessmysql.test;

import java.io.PrintWriter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of {@link JUnitVersionsTest}: runs the named fixture classes on whatever JUnit is on its class path,
 * with the launcher API every JUnit version since 5.0 has, and prints the version and the outcome.
 */
public final class JUnitVersionRunner {

    private JUnitVersionRunner() {
    }

    /** Runs the classes named in {@code args}; configuration parameters come from system properties. */
    public static void main(String[] args) {
        System.out.println("JUNIT " + org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args) {
            request.selectors(DiscoverySelectors.selectClass(name));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(built, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 30);
        out.println("RESULT succeeded=" + summary.getTestsSucceededCount() + " failed=" + summary.getTotalFailureCount());
        out.flush();
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
