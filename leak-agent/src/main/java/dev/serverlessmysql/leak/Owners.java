package dev.serverlessmysql.leak;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pool or client instance is at work on a thread. A constructor of a pool or client class pushes a record
 * before {@code this} exists and completes it at its end; an instance method sets the thread's current owner,
 * which threads started from it (a pool's connection adders) inherit. A physical connection is credited to that
 * owner when the stack shows the same pool family or client class; otherwise to none.
 */
final class Owners {

    private final LeakTracker tracker;
    private final Map<Object, Owner> byObject = new IdentityHashMap<>();
    private final Map<String, Owner> staticClients = new HashMap<>();
    private final List<Owner> all = new ArrayList<>();
    private final ThreadLocal<ArrayDeque<Owner>> building = ThreadLocal.withInitial(ArrayDeque::new);
    private final InheritableThreadLocal<Owner> current = new InheritableThreadLocal<>();
    /** Data sources pools build for themselves: never owners, never the current owner. */
    private final Map<Object, Boolean> internal = new IdentityHashMap<>();

    Owners(LeakTracker tracker) {
        this.tracker = tracker;
    }

    void constructing(String className) {
        Owner o = newOwner(className);
        building.get().push(o);
        if (!o.internal()) {
            current.set(o);
        }
    }

    void constructed(Object obj) {
        ArrayDeque<Owner> stack = building.get();
        Owner o = stack.poll();
        if (o == null) {
            entered(obj);
            return;
        }
        if (o.internal()) {
            synchronized (this) {
                internal.put(obj, Boolean.TRUE);
            }
            return;
        }
        Owner known;
        synchronized (this) {
            known = byObject.get(obj);
            if (known == null) {
                o.ref = obj;
                o.className = obj.getClass().getName();
                byObject.put(obj, o);
                all.add(o);
            }
        }
        if (known != null) {
            known.merge(o);
            o = known;
        } else if (o.scope != null) {
            o.scope.add(o);
        }
        current.set(o);
    }

    void entered(Object obj) {
        Owner cur = current.get();
        if (cur != null && cur.ref == obj) {
            return;
        }
        if (isInternal(obj)) {
            return;
        }
        current.set(of(obj));
    }

    private synchronized boolean isInternal(Object obj) {
        return internal.containsKey(obj);
    }

    void closing(Object obj) {
        if (isInternal(obj)) {
            return;
        }
        Owner o = of(obj);
        o.closed = true;
        current.set(o);
    }

    /** The record of an object, made now when its constructor was not seen. */
    private Owner of(Object obj) {
        synchronized (this) {
            Owner o = byObject.get(obj);
            if (o != null) {
                return o;
            }
        }
        Owner o = newOwner(obj.getClass().getName());
        synchronized (this) {
            Owner raced = byObject.get(obj);
            if (raced != null) {
                return raced;
            }
            o.ref = obj;
            byObject.put(obj, o);
            all.add(o);
        }
        if (o.scope != null) {
            o.scope.add(o);
        }
        return o;
    }

    private Owner newOwner(String className) {
        StackClassifier.Category category = tracker.classifier().category(className);
        boolean pool = category == StackClassifier.Category.POOL;
        TestScope scope = tracker.currentScope();
        return new Owner(className, pool, pool ? Attribution.packageOf(className) : null,
                tracker.attribution().walkAll(scope == null ? null : scope.testClass), scope);
    }

    /** The owner of a physical connection whose stack {@code walk} showed a pool or a client, or {@code null}. */
    Owner forPhysical(Attribution.Walk walk) {
        Owner top = null;
        for (Owner b : building.get()) {
            if (!b.internal()) {
                top = b;
                break;
            }
        }
        if (top == null) {
            top = current.get();
        }
        if (walk.owner() == StackClassifier.Owner.POOL) {
            // a pool's own classes live in its package or below (MariaDbPoolDataSource, org.mariadb.jdbc.pool.Pool)
            return top != null && top.pool && walk.poolFamily() != null && top.family != null
                    && (walk.poolFamily().startsWith(top.family) || top.family.startsWith(walk.poolFamily()))
                    ? top : null;
        }
        if (walk.owner() == StackClassifier.Owner.CLIENT) {
            return top != null && !top.pool && samePackage(top.className, walk.clientClass()) ? top
                    : staticClient(walk.clientClass());
        }
        return null;
    }

    /** The client that borrowed at a call site in a client class. */
    Owner forClientSite(CallSite site) {
        Owner cur = current.get();
        return cur != null && !cur.pool && sameClass(cur.className, site.frame().className()) ? cur
                : staticClient(site.frame().className());
    }

    private synchronized Owner staticClient(String className) {
        String top = topLevel(className);
        return staticClients.computeIfAbsent(top, n -> {
            Owner o = new Owner(n, false, null, null, null);
            all.add(o);
            return o;
        });
    }

    static boolean sameClass(String a, String b) {
        return a != null && b != null && topLevel(a).equals(topLevel(b));
    }

    /** A client's helper classes (the core client's data source) share its package. */
    static boolean samePackage(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        int x = a.lastIndexOf('.');
        int y = b.lastIndexOf('.');
        return x == y && a.regionMatches(0, b, 0, Math.max(x, 0));
    }

    private static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /** Forgets constructor records a throwing constructor left on this thread. */
    void clearBuilding() {
        building.get().clear();
    }

    synchronized List<Owner> all() {
        return new ArrayList<>(all);
    }
}
