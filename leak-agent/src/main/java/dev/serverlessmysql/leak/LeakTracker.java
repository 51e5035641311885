package dev.serverlessmysql.leak;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The agent's state: which physical connections are open on the server, which test and which code opened them,
 * which connections user code borrowed, and which pools and clients own what.
 *
 * <p>Costs are paid where user code gets a connection (a few field reads: the call site is known from class
 * loading), where it closes one (one map look-up), where a physical connection is made (a short stack walk, small
 * next to a network handshake) and when a test ends (one {@code isClosed()} per connection the test touched).
 * Statements and queries are not intercepted.
 */
final class LeakTracker {

    static final int MAX_PROBLEMS = 50;

    private static volatile LeakTracker instance;

    private final AgentOptions options;
    private final StackClassifier classifier;
    private final Attribution attribution;
    private final Owners owners;
    private final ScopeRules rules;
    private volatile CallSite[] sites = new CallSite[0];
    private final ThreadLocal<ArrayDeque<TestScope>> threadScopes = ThreadLocal.withInitial(ArrayDeque::new);
    private final ConcurrentLinkedDeque<TestScope> running = new ConcurrentLinkedDeque<>();
    private final Map<Object, TrackedConnection> borrowed = new IdentityHashMap<>();
    private final Map<Object, Physical> physical = new IdentityHashMap<>();
    private int prunePhysicalAt = 256;
    private final List<LeakViolation> violations = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicInteger problemCount = new AtomicInteger();
    private final Map<String, ClassPatterns> patterns = new LinkedHashMap<>();
    private final Map<String, Boolean> patternsSeen = new LinkedHashMap<>();
    private final AtomicLong borrows = new AtomicLong();
    private final AtomicLong userConnections = new AtomicLong();
    private final AtomicLong mainConnections = new AtomicLong();
    private final AtomicLong clientConnections = new AtomicLong();
    private final AtomicLong poolConnections = new AtomicLong();
    private final AtomicLong infrastructureConnections = new AtomicLong();
    private final AtomicLong outsideTests = new AtomicLong();
    private final AtomicInteger testsObserved = new AtomicInteger();
    private final Path resultFile;
    private volatile boolean listenerActive;

    LeakTracker(AgentOptions options) {
        this.options = options;
        this.classifier = new StackClassifier(options);
        this.attribution = new Attribution(classifier, options.mainClasses());
        this.owners = new Owners(this);
        this.rules = new ScopeRules();
        this.resultFile = options.out().resolve(LeakResults.fileName(ProcessHandle.current().pid(),
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        pattern("clients", options.clients());
        pattern("pools", options.pools());
        pattern("libraries", options.libraries());
        pattern("excludes", options.excludes());
    }

    private void pattern(String kind, List<String> list) {
        for (String p : list) {
            String key = kind + ":" + p;
            patterns.put(key, kind.equals("clients") || kind.equals("excludes") ? ClassPatterns.of(p)
                    : ClassPatterns.of(StackClassifier.prefix(p)));
            patternsSeen.put(key, Boolean.FALSE);
        }
    }

    /** The tracker of this JVM, or {@code null} when the agent is not attached. */
    static LeakTracker instance() {
        return instance;
    }

    static void install(LeakTracker tracker) {
        instance = tracker;
    }

    AgentOptions options() {
        return options;
    }

    StackClassifier classifier() {
        return classifier;
    }

    Attribution attribution() {
        return attribution;
    }

    Owners owners() {
        return owners;
    }

    // ---------------------------------------------------------------- class loading

    /** Registers a call site at class load time; the id is baked into the instrumented code. */
    synchronized int registerSite(Frame frame, ClassLoader loader, boolean client, boolean project) {
        CallSite[] old = sites;
        CallSite[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = new CallSite(frame, loader, client, project);
        sites = grown;
        return old.length;
    }

    /** Marks the configured patterns that a loaded class matches. */
    void classSeen(String className) {
        synchronized (patternsSeen) {
            for (Map.Entry<String, Boolean> e : patternsSeen.entrySet()) {
                if (!e.getValue() && patterns.get(e.getKey()).matches(className)) {
                    e.setValue(Boolean.TRUE);
                }
            }
        }
    }

    void instrumentationFailed(String className, Throwable e) {
        problem("class " + className + " could not be instrumented: " + e);
    }

    void hookFailed(String hook, Throwable e) {
        problem("the " + hook + " hook failed: " + e
                + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""));
    }

    private void problem(String text) {
        problemCount.incrementAndGet();
        synchronized (problems) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            }
        }
    }

    // ---------------------------------------------------------------- hooks

    /**
     * Called at an instrumented call site in user or client code with what a getConnection/connect call returned.
     * The cheap path: no stack walk, unless the site is in a jar. {@code receiver} is the object asked, or
     * {@code null} when the call was static ({@code DriverManager}) or took arguments.
     */
    void atSite(Object returned, Object receiver, int siteId) {
        if (!(returned instanceof Connection connection)) {
            return;
        }
        if (receiver != null && !(receiver instanceof DataSource || receiver instanceof Driver)) {
            return;
        }
        CallSite site = sites[siteId];
        String thread = Thread.currentThread().getName();
        Frame caller = site.project() ? null : attribution.projectCaller();
        TrackedConnection t = new TrackedConnection(connection, site, caller, thread);
        TestScope scope = currentScope();
        if (site.client()) {
            Owner o = owners.forClientSite(site);
            o.add(t);
            if (scope != null) {
                scope.add(o);
            }
            remember(t);
            return;
        }
        if (scope == null) {
            return;
        }
        if (scope.add(t)) {
            borrows.incrementAndGet();
            remember(t);
        }
    }

    private void remember(TrackedConnection t) {
        synchronized (borrowed) {
            borrowed.put(t.connection, t);
        }
    }

    /** Called on entry to a connection's {@code close()}: the borrow ends even if a pool keeps the object open. */
    void closing(Object connection) {
        TrackedConnection t;
        synchronized (borrowed) {
            t = borrowed.remove(connection);
        }
        if (t != null) {
            t.closeCalled = true;
        }
    }

    /**
     * Called when a driver returns a physical connection; these are rare and slow, so a stack walk here costs
     * nothing measurable. Tells pool-, client-, user- and infrastructure-made connections apart.
     */
    void physical(Object returned) {
        if (!(returned instanceof Connection connection)) {
            return;
        }
        synchronized (physical) {
            if (physical.containsKey(connection)) {
                return;
            }
            // reserved at once: a driver's connect(String, Properties) returns what its inner connect returned
            physical.put(connection, null);
        }
        TestScope scope = currentScope();
        Attribution.Walk walk = attribution.walk(scope == null ? null : scope.testClass);
        Owner owner = owners.forPhysical(walk);
        Physical p = new Physical(connection, walk.owner(), owner, scope, Thread.currentThread().getName(), walk);
        switch (walk.owner()) {
            case USER -> (scope == null ? outsideTests : walk.mainCode() ? mainConnections : userConnections)
                    .incrementAndGet();
            case POOL -> poolConnections.incrementAndGet();
            case CLIENT -> clientConnections.incrementAndGet();
            case INFRASTRUCTURE -> infrastructureConnections.incrementAndGet();
            default -> throw new IllegalStateException(walk.owner().name());
        }
        if (owner != null) {
            owner.add(p);
        }
        if (scope != null) {
            scope.add(p);
        }
        synchronized (physical) {
            physical.put(connection, p);
            if (physical.size() >= prunePhysicalAt) {
                physical.values().removeIf(x -> x != null && !x.isOpen());
                prunePhysicalAt = Math.max(256, physical.size() * 2);
            }
        }
    }

    // ---------------------------------------------------------------- test lifecycle (called by the listener)

    void listenerActive() {
        listenerActive = true;
    }

    void started(String uniqueId, String testClass, String testMethod, String name) {
        started(uniqueId, testClass, testMethod, name, true);
    }

    /**
     * A test or a container (a class, a parameterized method holding its invocations) started; only tests count as
     * tests run, so the summary says "3 tests" for a class of three.
     */
    void started(String uniqueId, String testClass, String testMethod, String name, boolean test) {
        TestScope s = new TestScope(uniqueId, testClass, testMethod, name);
        threadScopes.get().push(s);
        running.add(s);
        if (test) {
            testsObserved.incrementAndGet();
        }
    }

    void finished(String uniqueId) {
        TestScope scope = null;
        ArrayDeque<TestScope> mine = threadScopes.get();
        for (Iterator<TestScope> it = mine.iterator(); it.hasNext();) {
            TestScope s = it.next();
            if (s.id.equals(uniqueId)) {
                scope = s;
                it.remove();
                break;
            }
        }
        if (scope == null) {
            for (TestScope s : running) {
                if (s.id.equals(uniqueId)) {
                    scope = s;
                    break;
                }
            }
        }
        if (scope == null) {
            return;
        }
        running.remove(scope);
        owners.clearBuilding();
        List<TrackedConnection> scopeBorrows = scope.drainBorrows();
        synchronized (borrowed) {
            for (TrackedConnection t : scopeBorrows) {
                borrowed.remove(t.connection, t);
            }
        }
        List<Physical> scopePhysical = scope.drainPhysical();
        record(rules.evaluate(scope, scopeBorrows, scopePhysical, scope.drainOwners(), owners.all()));
    }

    /** The last checks, when the test plan ends: pools that filled up after the test that built them. */
    void planFinished() {
        record(rules.atEnd(owners.all()));
    }

    private void record(List<LeakViolation> found) {
        if (!found.isEmpty()) {
            synchronized (violations) {
                violations.addAll(found);
            }
        }
    }

    TestScope currentScope() {
        TestScope s = threadScopes.get().peek();
        return s != null ? s : running.peekLast();
    }

    /** The findings so far; for tests and the result file. */
    List<LeakViolation> violations() {
        synchronized (violations) {
            return new ArrayList<>(violations);
        }
    }

    AgentRun snapshot() {
        List<String> p;
        synchronized (problems) {
            p = new ArrayList<>(problems);
        }
        if (problemCount.get() > p.size()) {
            p.add((problemCount.get() - p.size()) + " more problems");
        }
        Map<String, Boolean> seen;
        synchronized (patternsSeen) {
            seen = new LinkedHashMap<>(patternsSeen);
        }
        return new AgentRun(ProcessHandle.current().pid(), listenerActive, testsObserved.get(), borrows.get(),
                userConnections.get(), mainConnections.get(), clientConnections.get(), poolConnections.get(),
                infrastructureConnections.get(), outsideTests.get(), p, seen, violations());
    }

    /** Writes this JVM's results; safe to call more than once (the file is replaced). */
    synchronized void writeResults() {
        try {
            LeakResults.write(resultFile, snapshot());
        } catch (IOException | RuntimeException e) {
            System.err.println("[serverless-mysql] could not write leak results to " + resultFile + ": " + e);
        }
    }
}
