package dev.serverlessmysql.test;

import dev.serverlessmysql.test.engine.RunningServer;
import dev.serverlessmysql.test.engine.Servers;
import dev.serverlessmysql.test.engine.TestSettings;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The public face of the engine subsystem's servers: one {@link MySqlServer} per running shared server. */
final class TestServers {

    private static final Map<RunningServer, MySqlServer> SHARED = new IdentityHashMap<>();

    private TestServers() {
    }

    /** The JVM-wide shared server for these settings, started if this is the first use. */
    static synchronized MySqlServer shared(TestSettings settings) {
        return SHARED.computeIfAbsent(Servers.shared(settings), process -> new MySqlServer(process, false));
    }

    /** A new server that belongs to one test class, with the given server variables. */
    static MySqlServer dedicated(TestSettings settings, List<String> variables) {
        return new MySqlServer(Servers.dedicated(settings, variables), true);
    }

    /** Stops a dedicated server and removes its files. */
    static void release(MySqlServer server) {
        Servers.release(server.process());
    }
}
