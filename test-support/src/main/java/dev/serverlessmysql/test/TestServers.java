package dev.serverlessmysql.test;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers of this JVM: one shared server per set of settings, started on first use, and dedicated servers
 * owned by single test classes. Every server this JVM started is stopped and removed at JVM exit.
 */
final class TestServers {

    private static final System.Logger LOG = System.getLogger("dev.serverlessmysql.test");
    private static final Map<String, MySqlServer> SHARED = new HashMap<>();
    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::close), "serverless-mysql-test-shutdown"));
    }

    private TestServers() {
    }

    /** The JVM-wide shared server for these settings, started if this is the first use. */
    static synchronized MySqlServer shared(TestSettings settings) {
        return SHARED.computeIfAbsent(settings.fingerprint(), key -> {
            EngineSelector selector = EngineSelector.of(settings);
            return new MySqlServer(start(selector, selector.chooseShared(), List.of(), "shared"), false);
        });
    }

    /** A new server that belongs to one test class, with the given server variables. */
    static MySqlServer dedicated(TestSettings settings, List<String> variables) {
        EngineSelector selector = EngineSelector.of(settings);
        return new MySqlServer(start(selector, selector.chooseDedicated(), variables, "dedicated"), true);
    }

    /** Stops a dedicated server and removes its files. */
    static void release(MySqlServer server) {
        ServerProcess process = server.process();
        LIVE.remove(process);
        process.close();
    }

    private static ServerProcess start(EngineSelector selector, EngineSelector.Choice choice, List<String> variables, String role) {
        long started = System.nanoTime();
        boolean cold = choice.engine() == Engine.EMBEDDED && selector.embeddedIsCold();
        ServerProcess process = selector.launch(choice.engine(), variables);
        if (choice.engine() != Engine.EXTERNAL) {
            LIVE.add(process);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(Level.INFO, "serverless-mysql-test: " + role + " server on engine '" + choice.engine().id() + "' (" + process.version()
                + ") at " + process.host() + ":" + process.port() + " ready in " + millis + " ms"
                + (cold ? " (cold: binaries unpacked first)" : "") + (variables.isEmpty() ? "" : ", settings " + variables)
                + "; " + choice.reason());
        return process;
    }
}
