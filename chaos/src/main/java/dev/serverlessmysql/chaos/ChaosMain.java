package dev.serverlessmysql.chaos;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.NetworkFaults;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The long chaos run: {@code mvn -B -pl chaos -am verify -DskipTests -Dchaos.run=long}. It prints the figures and
 * writes them to the file named by its argument (chaos/RESULTS.md), and exits non-zero if any property failed.
 */
public final class ChaosMain {

    private static volatile ChaosResult result;

    private ChaosMain() {
    }

    /** The long run on a dedicated server, through JUnit so that test-support starts and cleans up the server. */
    @MySqlTest(networkFaults = true, serverVariables = {ChaosPlan.MAX_CONNECTIONS_VARIABLE, ChaosPlan.WAIT_TIMEOUT_VARIABLE,
            ChaosPlan.LOCK_WAIT_VARIABLE})
    public static final class LongRun {
        @Test
        void run(MySqlDatabase db, NetworkFaults network) throws Exception {
            // black holes, latency and failovers are on unless -Dchaos.network=false leaves them out
            ChaosPlan plan = ChaosPlan.networkFaults() ? ChaosPlan.longRun() : ChaosPlan.longRun().withoutNetworkFaults();
            result = new ChaosRun(db, network, plan, System.getProperty("chaos.driver", "mysql")).run();
        }
    }

    /** Entry point; the argument is the Markdown file to write. */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "RESULTS.md");
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LongRun.class)).build(), listener);
        if (result == null) {
            listener.getSummary().getFailures().forEach(f -> f.getException().printStackTrace());
            System.exit(2);
        }
        String report = "# Chaos results\n\n"
                + "Written by `mvn -B -pl chaos -am verify -DskipTests -Dchaos.run=long` on " + Instant.now() + ". CI runs"
                + " the short plan as `ChaosTest` in every `mvn -B verify`.\n\n"
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + "), driver "
                + System.getProperty("chaos.driver", "mysql") + ".\n\n" + result.markdown();
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(result.violations().isEmpty() ? 0 : 1);
    }
}
