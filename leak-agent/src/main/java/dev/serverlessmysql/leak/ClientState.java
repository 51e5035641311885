package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.List;

/** The open connections of one client instance. */
final class ClientState {
    final String name;
    final List<TrackedConnection> open = new ArrayList<>(2);

    ClientState(String name) {
        this.name = name;
    }

    boolean holds(Object connection) {
        for (TrackedConnection t : open) {
            if (t.connection == connection) {
                return true;
            }
        }
        return false;
    }

    void prune() {
        open.removeIf(TrackedConnection::isClosed);
    }
}
