package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.example.app.LeakyFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class LeakListenerTest {

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        LeakTracker.install(null);
    }

    @Test
    void tiesConnectionsToTheTestMethodThatOpenedThemAndWritesResults() throws Exception {
        LeakTracker tracker = new LeakTracker(AgentOptions.parse("out=" + dir));
        LeakTracker.install(tracker);
        Class<?> fixture = new Instrumented(tracker).loadClass("com.example.app.LeakyFixture");
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
                new LeakListener());

        List<AgentRun> runs = LeakResults.readAll(dir);
        assertEquals(1, runs.size());
        AgentRun run = runs.get(0);
        assertTrue(run.listenerActive());
        assertEquals(2, run.testsObserved(), "two test methods ran; the class that holds them is no test");
        assertEquals(1, run.violations().size(), run.violations().toString());
        assertEquals("com.example.app.LeakyFixture#leaks", run.violations().get(0).test());
        assertEquals(new Frame("com.example.app.LeakyFixture", "leaks", "LeakyFixture.java", 13),
                run.violations().get(0).opener());
    }

    @Test
    void runsQuietlyWithoutTheAgent() {
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        assertDoesNotThrow(() -> launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(LeakyFixture.class)).build(), new LeakListener()));
    }
}
