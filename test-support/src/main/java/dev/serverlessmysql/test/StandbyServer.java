package dev.serverlessmysql.test;

import dev.serverlessmysql.test.engine.TestSettings;
import java.util.List;

/**
 * A second dedicated server for failover tests, with a copy of a class's database: the same name, user, password
 * and init scripts, so that one URL and one set of credentials reach either server.
 */
final class StandbyServer implements AutoCloseable {

    private final MySqlServer server;
    private final MySqlDatabase database;

    private StandbyServer(MySqlServer server, MySqlDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** Starts a dedicated server with {@code variables} and builds a copy of {@code primary}'s database on it. */
    static StandbyServer start(TestSettings settings, List<String> variables, MySqlDatabase primary, List<String> initScripts,
            ClassLoader loader) {
        MySqlServer server = TestServers.dedicated(settings, variables);
        try {
            DatabaseProvisioner provisioner = new DatabaseProvisioner(server);
            MySqlDatabase copy = provisioner.createCopy(primary.name(), new DatabaseUser(primary.user(), primary.password()),
                    initScripts, loader);
            return new StandbyServer(server, copy);
        } catch (RuntimeException e) {
            TestServers.release(server);
            throw e;
        }
    }

    MySqlDatabase database() {
        return database;
    }

    /** Stops the server and removes its files; its database goes with it, read-only or not. */
    @Override
    public void close() {
        TestServers.release(server);
    }
}
