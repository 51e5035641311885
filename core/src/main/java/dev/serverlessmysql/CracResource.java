package dev.serverlessmysql;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** Closes the client's connection before a checkpoint and makes it reconnect lazily after the restore. */
final class CracResource implements Resource {

    private final ServerlessMysql client;

    private CracResource(ServerlessMysql client) {
        this.client = client;
    }

    static CracResource register(ServerlessMysql client) {
        CracResource resource = new CracResource(client);
        Core.getGlobalContext().register(resource);
        return resource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        client.beforeCheckpoint();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        client.afterRestore();
    }
}
