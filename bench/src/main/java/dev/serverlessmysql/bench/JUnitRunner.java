package dev.serverlessmysql.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a fixture class through the JUnit Platform, as a build would, and fails loudly if any of its tests fail. */
final class JUnitRunner {

    private static final Launcher LAUNCHER = LauncherFactory.create();

    private JUnitRunner() {
    }

    /** Runs {@code fixture} and returns the wall time in milliseconds. */
    static double run(Class<?> fixture, Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(parameters)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        LAUNCHER.execute(request, listener);
        double millis = (System.nanoTime() - start) / 1e6;
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() == 0) {
            StringBuilder why = new StringBuilder("fixture " + fixture.getSimpleName() + " failed:");
            summary.getFailures().forEach(f -> why.append("\n  ").append(f.getException()));
            throw new IllegalStateException(why.toString());
        }
        return millis;
    }
}
