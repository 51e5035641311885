package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leak rules, applied when a test ends, in terms of what stays open on the server:
 * <ul>
 *   <li>a connection user code got during the test and did not close;</li>
 *   <li>a physical connection made for user code during the test, still open, that no call site saw (a method
 *       reference, a generated class);</li>
 *   <li>a pool or client holding more than one connection, or a pool configured for more than one: more than one
 *       per Lambda container;</li>
 *   <li>two or more pools or clients built at the same line, open at once: one per invocation or per test, never
 *       closed.</li>
 * </ul>
 * One connection kept by a pool or client across tests and invocations is correct.
 */
final class ScopeRules {

    private final Set<Owner> perInvocationReported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    List<LeakViolation> evaluate(TestScope scope, List<TrackedConnection> borrows, List<Physical> physical,
            List<Owner> built, List<Owner> allOwners) {
        List<LeakViolation> found = new ArrayList<>();
        Map<Frame, List<TrackedConnection>> bySite = new LinkedHashMap<>();
        Map<Object, Boolean> borrowedObjects = new IdentityHashMap<>();
        Set<Frame> borrowSites = new java.util.HashSet<>();
        for (TrackedConnection t : borrows) {
            borrowedObjects.put(t.connection, Boolean.TRUE);
            borrowSites.add(t.opener());
            if (!t.isClosed()) {
                bySite.computeIfAbsent(t.opener(), k -> new ArrayList<>()).add(t);
            }
        }
        Map<Frame, List<Physical>> unseen = new LinkedHashMap<>();
        for (Physical p : physical) {
            // a physical connection behind a borrow the call site saw (a wrapper's) is judged by that borrow
            if (p.kind == StackClassifier.Owner.USER && p.owner == null && !borrowedObjects.containsKey(p.connection)
                    && !borrowSites.contains(p.walk.opener()) && p.isOpen()) {
                unseen.computeIfAbsent(p.walk.opener(), k -> new ArrayList<>()).add(p);
            }
        }
        int totalOpen = unseen.values().stream().mapToInt(List::size).sum()
                + bySite.values().stream().mapToInt(List::size).sum();
        for (List<TrackedConnection> site : bySite.values()) {
            TrackedConnection first = site.get(0);
            String handler = first.handler();
            int n = site.size();
            LeakViolation.Kind kind = handler != null && n >= 2
                    ? LeakViolation.Kind.HANDLER_CONNECTION_PER_INVOCATION : LeakViolation.Kind.LEAKED_CONNECTION;
            found.add(new LeakViolation(kind, scope.testClass, scope.testMethod, scope.name, first.opener(),
                    first.caller, first.thread, n, handler, null, null, -1, 1, totalOpen));
        }
        for (List<Physical> site : unseen.values()) {
            Physical first = site.get(0);
            int n = site.size();
            String handler = first.walk.handler();
            LeakViolation.Kind kind = handler != null && n >= 2
                    ? LeakViolation.Kind.HANDLER_CONNECTION_PER_INVOCATION : LeakViolation.Kind.LEAKED_CONNECTION;
            found.add(new LeakViolation(kind, scope.testClass, scope.testMethod, scope.name, first.walk.opener(),
                    first.walk.caller(), first.thread, n, handler, null, null, -1, 1, totalOpen));
        }

        Set<Owner> touched = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        touched.addAll(built);
        for (Physical p : physical) {
            if (p.owner != null) {
                touched.add(p.owner);
            }
        }
        for (Owner o : touched) {
            LeakViolation v = size(o, scope, false);
            if (v != null) {
                found.add(v);
            }
        }
        found.addAll(perInvocation(touched, allOwners, scope));
        return found;
    }

    /** At the end of the plan: pools that filled up, or per-test owners, after the test that built them ended. */
    List<LeakViolation> atEnd(List<Owner> allOwners) {
        List<LeakViolation> found = new ArrayList<>();
        for (Owner o : allOwners) {
            LeakViolation v = size(o, o.scope, true);
            if (v != null) {
                found.add(v);
            }
        }
        return found;
    }

    /** More than one connection per container: reported once per pool or client. */
    private static LeakViolation size(Owner o, TestScope scope, boolean observedOnly) {
        synchronized (o) {
            if (o.sizeReported || o.closed) {
                return null;
            }
        }
        int open = o.openCount();
        int size = o.size();
        boolean tooMany = open > 1 || (o.pool && !observedOnly && size > 1 && open > 0);
        if (!tooMany) {
            return null;
        }
        synchronized (o) {
            if (o.sizeReported) {
                return null;
            }
            o.sizeReported = true;
        }
        // a pool is reported against the test that built it; a client against the test it grew in
        TestScope where = o.pool && o.scope != null ? o.scope : scope;
        String testClass = where == null ? "(outside tests)" : where.testClass;
        return new LeakViolation(o.pool ? LeakViolation.Kind.POOL_MULTIPLE_CONNECTIONS
                : LeakViolation.Kind.CLIENT_MULTIPLE_CONNECTIONS, testClass, where == null ? null : where.testMethod,
                where == null ? null : where.name, o.pool ? o.builtAt() : o.lastOpener(),
                o.built == null ? null : o.built.caller(), o.lastThread(), open,
                o.built == null ? null : o.built.handler(), o.describe(), o.builtAt(), size, 1, open);
    }

    /**
     * Pools or clients built by one code path (the same line, reached the same way from the test) that are open
     * at once, reported once per test for that path.
     */
    private List<LeakViolation> perInvocation(Set<Owner> touched, List<Owner> allOwners, TestScope scope) {
        List<LeakViolation> found = new ArrayList<>();
        Set<List<Frame>> paths = new LinkedHashSet<>();
        for (Owner o : touched) {
            // a simulated container builds its own, as every Lambda container does
            if (o.builtAt() != null && o.ref != null && !o.built.simulated()) {
                paths.add(o.builtBy());
            }
        }
        for (List<Frame> path : paths) {
            List<Owner> live = new ArrayList<>();
            for (Owner o : allOwners) {
                if (o.ref != null && !o.built.simulated() && path.equals(o.builtBy()) && o.live()) {
                    live.add(o);
                }
            }
            Frame line = path.isEmpty() ? null : path.get(0);
            if (live.size() < 2) {
                continue;
            }
            boolean fresh = false;
            int open = 0;
            for (Owner o : live) {
                fresh |= perInvocationReported.add(o);
                open += o.openCount();
            }
            if (!fresh) {
                continue;
            }
            Owner last = live.get(live.size() - 1);
            found.add(new LeakViolation(LeakViolation.Kind.OWNER_PER_INVOCATION, scope.testClass, scope.testMethod,
                    scope.name, line, last.built.caller(), last.lastThread(), open, last.built.handler(),
                    last.className, line, last.size(), live.size(), open));
        }
        return found;
    }
}
