package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pool or client instance (or, for a client used through static methods, one client class): the physical
 * connections it made, the connections it borrowed at a client call site, where it was built and by which test.
 */
final class Owner {

    final boolean pool;
    final String family;
    final Attribution.Walk built;
    final TestScope scope;
    volatile Object ref;
    volatile String className;
    volatile boolean closed;
    boolean sizeReported;
    private int size = Integer.MIN_VALUE;
    private final List<Physical> physical = new ArrayList<>(2);
    private final List<TrackedConnection> borrowed = new ArrayList<>(2);

    Owner(String className, boolean pool, String family, Attribution.Walk built, TestScope scope) {
        this.className = className;
        this.pool = pool;
        this.family = family;
        this.built = built;
        this.scope = scope;
    }

    synchronized void add(Physical p) {
        physical.add(p);
    }

    synchronized void add(TrackedConnection t) {
        borrowed.add(t);
    }

    /** Moves another record's connections here: two constructor levels of one object. */
    synchronized void merge(Owner other) {
        synchronized (other) {
            physical.addAll(other.physical);
            borrowed.addAll(other.borrowed);
        }
    }

    /** The distinct connections this owner holds open on the server (or has borrowed and not closed). */
    synchronized int openCount() {
        physical.removeIf(p -> !p.isOpen());
        borrowed.removeIf(TrackedConnection::isClosed);
        Map<Object, Boolean> distinct = new IdentityHashMap<>();
        physical.forEach(p -> distinct.put(p.connection, Boolean.TRUE));
        borrowed.forEach(t -> distinct.put(t.connection, Boolean.TRUE));
        return distinct.size();
    }

    /** The most recent open connection this owner made or borrowed, for the report; {@code null} when none. */
    synchronized Frame lastOpener() {
        if (!borrowed.isEmpty()) {
            return borrowed.get(borrowed.size() - 1).opener();
        }
        for (int i = physical.size() - 1; i >= 0; i--) {
            Physical p = physical.get(i);
            if (p.walk.opener() != null) {
                return p.walk.opener();
            }
        }
        return null;
    }

    synchronized String lastThread() {
        if (!borrowed.isEmpty()) {
            return borrowed.get(borrowed.size() - 1).thread;
        }
        return physical.isEmpty() ? null : physical.get(physical.size() - 1).thread;
    }

    /** Whether it still holds sessions on the server and was not closed. */
    boolean live() {
        return !closed && openCount() > 0;
    }

    /** A pool's configured maximum size, read once; -1 when it cannot be read, or for clients. */
    synchronized int size() {
        if (size == Integer.MIN_VALUE) {
            size = pool && ref != null ? PoolProbe.maximumSize(ref) : -1;
        }
        return size;
    }

    /** {@code com.zaxxer.hikari.HikariDataSource@1b2c3d}, or the class for a static client. */
    String describe() {
        Object r = ref;
        return r == null ? className : className + "@" + Integer.toHexString(System.identityHashCode(r));
    }

    /** Where it was built: the user frame of the constructor's stack, or {@code null} for a static client. */
    Frame builtAt() {
        return built == null ? null : built.opener();
    }

    /** A data source a pool built for itself, inside its own code: part of that pool. */
    boolean internal() {
        return pool && built != null && built.insidePool();
    }

    /** The code path that built it, from the line that built it out to the test; empty for a static client. */
    java.util.List<Frame> builtBy() {
        return built == null ? java.util.List.of() : built.path();
    }
}
