package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A running test or test class, and the connections user code opened during it. */
final class TestScope {
    final String id;
    final String testClass;
    final String testMethod;
    final String name;
    final List<TrackedConnection> tracked = new ArrayList<>();
    final Map<ClientState, TrackedConnection> clientSuspects = new IdentityHashMap<>();
    private int pruneAt = 256;

    TestScope(String id, String testClass, String testMethod, String name) {
        this.id = id;
        this.testClass = testClass;
        this.testMethod = testMethod;
        this.name = name;
    }

    private final Map<Object, Boolean> seen = new IdentityHashMap<>();

    /** Adds a connection unless this scope already tracks that very object (a wrapper's caller asking again). */
    synchronized boolean add(TrackedConnection t) {
        if (seen.put(t.connection, Boolean.TRUE) != null) {
            return false;
        }
        tracked.add(t);
        if (tracked.size() >= pruneAt) {
            tracked.removeIf(c -> {
                boolean closed = c.isClosed();
                if (closed) {
                    seen.remove(c.connection);
                }
                return closed;
            });
            pruneAt = Math.max(256, tracked.size() * 2);
        }
        return true;
    }

    /** Hands over the tracked connections and forgets them. */
    synchronized List<TrackedConnection> drain() {
        List<TrackedConnection> all = new ArrayList<>(tracked);
        tracked.clear();
        seen.clear();
        return all;
    }

    void addClientSuspect(ClientState state, TrackedConnection t) {
        clientSuspects.putIfAbsent(state, t);
    }
}
