package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** A running test or test class, and the borrows, physical connections and owners that began during it. */
final class TestScope {
    final String id;
    final String testClass;
    final String testMethod;
    final String name;
    private final List<TrackedConnection> borrows = new ArrayList<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    private final List<Physical> physical = new ArrayList<>();
    private final List<Owner> owners = new ArrayList<>();
    private int pruneBorrowsAt = 256;
    private int prunePhysicalAt = 256;

    TestScope(String id, String testClass, String testMethod, String name) {
        this.id = id;
        this.testClass = testClass;
        this.testMethod = testMethod;
        this.name = name;
    }

    /** Adds a borrow unless this scope already tracks that very object (a wrapper's caller asking again). */
    synchronized boolean add(TrackedConnection t) {
        if (seen.put(t.connection, Boolean.TRUE) != null) {
            return false;
        }
        borrows.add(t);
        if (borrows.size() >= pruneBorrowsAt) {
            borrows.removeIf(c -> {
                boolean closed = c.isClosed();
                if (closed) {
                    seen.remove(c.connection);
                }
                return closed;
            });
            pruneBorrowsAt = Math.max(256, borrows.size() * 2);
        }
        return true;
    }

    synchronized void add(Physical p) {
        physical.add(p);
        if (physical.size() >= prunePhysicalAt) {
            physical.removeIf(c -> !c.isOpen());
            prunePhysicalAt = Math.max(256, physical.size() * 2);
        }
    }

    /** A pool or client built, or used by a client call site, during the scope. */
    synchronized void add(Owner o) {
        for (Owner known : owners) {
            if (known == o) {
                return;
            }
        }
        owners.add(o);
    }

    /** Hands over the borrows and forgets them. */
    synchronized List<TrackedConnection> drainBorrows() {
        List<TrackedConnection> all = new ArrayList<>(borrows);
        borrows.clear();
        seen.clear();
        return all;
    }

    /** Hands over the physical connections made during the scope and forgets them. */
    synchronized List<Physical> drainPhysical() {
        List<Physical> all = new ArrayList<>(physical);
        physical.clear();
        return all;
    }

    /** Hands over the pools and clients built or used at a client call site during the scope, and forgets them. */
    synchronized List<Owner> drainOwners() {
        List<Owner> all = new ArrayList<>(owners);
        owners.clear();
        return all;
    }

    /** {@code Class#method}, or the class for class-level code. */
    String test() {
        return testMethod == null ? testClass : testClass + "#" + testMethod;
    }
}
