package dev.serverlessmysql.leak;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The agent as a test sees it: a tracker installed for the running test and the fixture classes loaded through its
 * transformer. The tracker is a JVM-wide hook, so it is uninstalled after every test.
 */
final class AgentFixture implements AfterEachCallback {

    private LeakTracker tracker;
    private Instrumented code;

    /** Installs a tracker that writes its results to {@code dir}, with more agent options ({@code ",key=value"}). */
    void install(Path dir, String extra) {
        tracker = new LeakTracker(AgentOptions.parse("out=" + dir + extra));
        LeakTracker.install(tracker);
        code = new Instrumented(tracker);
    }

    LeakTracker tracker() {
        return tracker;
    }

    Instrumented code() {
        return code;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LeakTracker.install(null);
    }
}
