package dev.serverlessmysql.test.engine;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers of this JVM: one shared server per set of settings, started on first use, and dedicated servers
 * owned by single test classes. Every server this JVM started is stopped and removed at JVM exit. Internal.
 */
public final class Servers {

    private static final System.Logger LOG = System.getLogger("dev.serverlessmysql.test");
    private static final Map<String, RunningServer> SHARED = new HashMap<>();
    private static final Set<RunningServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RunningServer::close), "serverless-mysql-test-shutdown"));
    }

    private Servers() {
    }

    /**
     * The JVM-wide shared server for these settings, started if this is the first use; with
     * {@link TestSettings#REUSE} on a process engine, the server an earlier run kept, or one kept for later runs.
     */
    public static synchronized RunningServer shared(TestSettings settings) {
        return SHARED.computeIfAbsent(settings.fingerprint(), key -> {
            EngineSelector.Choice choice = EngineSelector.of(settings).chooseShared();
            if (!settings.reuse()) {
                return start(choice, List.of(), "shared");
            }
            Optional<ServerBinaries> binaries = choice.provider().processBinaries();
            if (binaries.isEmpty()) {
                return start(new EngineSelector.Choice(choice.provider(), choice.reason() + "; " + TestSettings.REUSE
                        + " applies to the embedded and local engines only"), List.of(), "shared");
            }
            return reuse(choice, binaries.get(), settings);
        });
    }

    /** A new server that belongs to one test class, with the given server variables. */
    public static RunningServer dedicated(TestSettings settings, List<String> variables) {
        return start(EngineSelector.of(settings).chooseDedicated(), variables, "dedicated");
    }

    /** Stops a dedicated server and removes its files. */
    public static void release(RunningServer server) {
        LIVE.remove(server);
        server.close();
    }

    private static RunningServer reuse(EngineSelector.Choice choice, ServerBinaries binaries, TestSettings settings) {
        long started = System.nanoTime();
        ReusedServers.Acquired acquired = ReusedServers.acquire(choice.engine(), binaries, settings.scratch().root(),
                settings.cacheDir());
        RunningServer server = acquired.server();
        LIVE.add(server); // at exit only this JVM's lease ends
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(Level.INFO, "serverless-mysql-test: shared server on engine '" + choice.engine().id() + "' (" + server.version()
                + ") at " + server.host() + ":" + server.port() + " ready in " + millis + " ms, " + acquired.note() + "; "
                + choice.reason());
        return server;
    }

    private static RunningServer start(EngineSelector.Choice choice, List<String> variables, String role) {
        long started = System.nanoTime();
        String note = choice.provider().startNote();
        RunningServer server = choice.provider().launch(variables);
        if (choice.provider().startsServers()) {
            LIVE.add(server);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(Level.INFO, "serverless-mysql-test: " + role + " server on engine '" + choice.engine().id() + "' (" + server.version()
                + ") at " + server.host() + ":" + server.port() + " ready in " + millis + " ms"
                + (note.isEmpty() ? "" : " (" + note + ")") + (variables.isEmpty() ? "" : ", settings " + variables)
                + "; " + choice.reason());
        return server;
    }
}
