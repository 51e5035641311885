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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The agent's state: which connections are open, which test opened them, and which clients own which.
 *
 * <p>Costs are paid where user code gets a connection (a few field reads: the call site is known from class
 * loading), where a physical connection is made (a short stack walk, small next to a network handshake) and when
 * a test ends (one {@code isClosed()} per connection the test got). Statements, queries and {@code close()} calls
 * are not intercepted.
 */
final class LeakTracker {

    static final String HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    private static volatile LeakTracker instance;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 16);

    private static final ClassValue<Boolean> IS_HANDLER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return implementsHandler(type);
        }
    };

    private final AgentOptions options;
    private final StackClassifier classifier;
    private final ClassValue<StackClassifier.Category> categories = new ClassValue<>() {
        @Override
        protected StackClassifier.Category computeValue(Class<?> type) {
            return classifier.category(type.getName());
        }
    };
    private final StackClassifier.FrameReader<StackWalker.StackFrame> reader = new StackClassifier.FrameReader<>() {
        @Override
        public String className(StackWalker.StackFrame f) {
            return f.getClassName();
        }

        @Override
        public StackClassifier.Category category(StackWalker.StackFrame f) {
            return categories.get(f.getDeclaringClass());
        }

        @Override
        public String methodName(StackWalker.StackFrame f) {
            return f.getMethodName();
        }
    };
    private final Set<String> connectionMethods = ConcurrentHashMap.newKeySet();
    private volatile CallSite[] sites = new CallSite[0];
    private final ThreadLocal<Object> currentClient = new ThreadLocal<>();
    private final ThreadLocal<ArrayDeque<TestScope>> threadScopes = ThreadLocal.withInitial(ArrayDeque::new);
    private final ConcurrentLinkedDeque<TestScope> running = new ConcurrentLinkedDeque<>();
    private final Map<Object, ClientState> clients = new IdentityHashMap<>();
    private final List<LeakViolation> violations = new ArrayList<>();
    private final AtomicLong userConnections = new AtomicLong();
    private final AtomicLong clientConnections = new AtomicLong();
    private final AtomicLong poolConnections = new AtomicLong();
    private final AtomicLong infrastructureConnections = new AtomicLong();
    private final AtomicLong outsideTests = new AtomicLong();
    private final AtomicInteger testsObserved = new AtomicInteger();
    private final Path resultFile;
    private volatile boolean listenerActive;

    LeakTracker(AgentOptions options) {
        this.options = options;
        this.classifier = new StackClassifier(options, connectionMethods::contains);
        this.resultFile = options.out().resolve(LeakResults.fileName(ProcessHandle.current().pid(),
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    }

    /** The tracker of this JVM, or {@code null} when the agent is not attached. */
    public static LeakTracker instance() {
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

    /** Remembers that {@code className} has an instrumented connect/getConnection method. */
    void connectionClass(String className) {
        connectionMethods.add(className);
    }

    // ---------------------------------------------------------------- hooks

    void clientEntered(Object client) {
        currentClient.set(client);
    }

    /** Registers a call site at class load time; the id is baked into the instrumented code. */
    synchronized int registerSite(Frame frame, ClassLoader loader, boolean client) {
        CallSite[] old = sites;
        CallSite[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = new CallSite(frame, loader, client);
        sites = grown;
        return old.length;
    }

    /**
     * Called at an instrumented call site in user or client code with what a getConnection/connect call returned.
     * The cheap path: no stack walk. {@code receiver} is the object asked, or {@code null} when the call was static
     * ({@code DriverManager}) or took arguments.
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
        if (site.client()) {
            clientOpened(new TrackedConnection(connection, site, thread));
            return;
        }
        TestScope scope = currentScope();
        if (scope == null) {
            userConnections.incrementAndGet();
            outsideTests.incrementAndGet();
            return;
        }
        if (scope.add(new TrackedConnection(connection, site, thread))) {
            userConnections.incrementAndGet();
        }
    }

    /**
     * Called when a {@code Driver.connect} method returns, i.e. for every physical connection; these are rare and
     * slow, so a stack walk here costs nothing measurable. Tells pool-, client- and infrastructure-owned
     * connections apart; connections that user code asked for are counted at its call site instead.
     */
    void opened(Object returned, Object source) {
        if (!(returned instanceof Connection connection) || !(source instanceof Driver)) {
            return;
        }
        StackClassifier.Result<StackWalker.StackFrame> r = WALKER.walk(s -> classifier.classify(
                () -> s.dropWhile(f -> f.getDeclaringClass() == LeakTracker.class
                        || f.getDeclaringClass() == LeakHooks.class).iterator(), reader));
        switch (r.owner()) {
            case NESTED, USER -> { }
            case POOL -> poolConnections.incrementAndGet();
            case INFRASTRUCTURE -> infrastructureConnections.incrementAndGet();
            case CLIENT -> clientOpened(new TrackedConnection(connection, r.userFrames(),
                    Thread.currentThread().getName()));
            default -> throw new IllegalStateException(r.owner().name());
        }
    }

    private void clientOpened(TrackedConnection tracked) {
        Object owner = currentClient.get();
        if (owner == null) {
            clientConnections.incrementAndGet();
            return;
        }
        TestScope scope = currentScope();
        synchronized (clients) {
            ClientState state = clients.computeIfAbsent(owner, o -> new ClientState(describe(o)));
            if (state.holds(tracked.connection)) {
                return;
            }
            clientConnections.incrementAndGet();
            state.prune();
            if (!state.open.isEmpty() && scope != null) {
                scope.addClientSuspect(state, tracked);
            }
            state.open.add(tracked);
        }
    }

    /** Whether {@code type} implements RequestHandler or RequestStreamHandler; cached per class. */
    static boolean isHandler(Class<?> type) {
        return IS_HANDLER.get(type);
    }

    static boolean implementsHandler(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (isHandlerInterface(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isHandlerInterface(Class<?> i) {
        if (HANDLER.equals(i.getName()) || STREAM_HANDLER.equals(i.getName())) {
            return true;
        }
        for (Class<?> s : i.getInterfaces()) {
            if (isHandlerInterface(s)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Object o) {
        return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    // ---------------------------------------------------------------- test lifecycle (called by the listener)

    void listenerActive() {
        listenerActive = true;
    }

    void started(String uniqueId, String testClass, String testMethod, String name) {
        TestScope s = new TestScope(uniqueId, testClass, testMethod, name);
        threadScopes.get().push(s);
        running.add(s);
        testsObserved.incrementAndGet();
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
        evaluate(scope);
    }

    private TestScope currentScope() {
        TestScope s = threadScopes.get().peek();
        return s != null ? s : running.peekLast();
    }

    private void evaluate(TestScope scope) {
        List<LeakViolation> found = new ArrayList<>();
        List<TrackedConnection> tracked = scope.drain();
        Map<String, List<TrackedConnection>> bySite = new LinkedHashMap<>();
        int totalOpen = 0;
        for (TrackedConnection t : tracked) {
            if (!t.isClosed()) {
                bySite.computeIfAbsent(t.site(), k -> new ArrayList<>()).add(t);
                totalOpen++;
            }
        }
        for (List<TrackedConnection> site : bySite.values()) {
            TrackedConnection first = site.get(0);
            String handler = first.handler();
            int n = site.size();
            String where = first.opener() == null ? "unknown code" : first.opener().toString();
            String also = bySite.size() > 1 ? " This test left " + totalOpen + " connections open in all." : "";
            LeakViolation.Kind kind;
            String detail;
            if (handler != null && n >= 2) {
                kind = LeakViolation.Kind.HANDLER_CONNECTION_PER_INVOCATION;
                detail = "Lambda handler " + handler + " opened a new connection on " + n
                        + " invocations and closed none (at " + where + "). Open the connection once outside"
                        + " handleRequest and reuse it (dev.serverlessmysql.ServerlessMysql does this), or close it"
                        + " with try-with-resources." + also;
            } else {
                kind = LeakViolation.Kind.LEAKED_CONNECTION;
                detail = n + (n == 1 ? " connection" : " connections") + " opened at " + where
                        + (handler != null ? " in Lambda handler " + handler : "")
                        + " still open when the test ended. Close it with try-with-resources, or let a client that"
                        + " keeps one connection across invocations (dev.serverlessmysql.ServerlessMysql) own it."
                        + also;
            }
            found.add(violation(kind, scope, first, n, detail));
        }
        synchronized (clients) {
            for (Map.Entry<ClientState, TrackedConnection> e : scope.clientSuspects.entrySet()) {
                ClientState state = e.getKey();
                state.prune();
                if (state.open.size() > 1 && !e.getValue().isClosed()) {
                    TrackedConnection t = e.getValue();
                    String where = t.opener() == null ? "unknown code" : t.opener().toString();
                    found.add(violation(LeakViolation.Kind.CLIENT_MULTIPLE_CONNECTIONS, scope, t, state.open.size(),
                            state.name + " holds " + state.open.size() + " open connections; the extra one was opened"
                                    + " during this test (called from " + where + "). A client may keep one"
                                    + " connection across invocations, never more: close the old connection before"
                                    + " opening a new one, or share one client per container."));
                }
            }
            scope.clientSuspects.clear();
        }
        if (!found.isEmpty()) {
            synchronized (violations) {
                violations.addAll(found);
            }
        }
    }

    private static LeakViolation violation(LeakViolation.Kind kind, TestScope scope, TrackedConnection t, int count,
            String detail) {
        List<String> stack = new ArrayList<>();
        for (Frame f : t.frames()) {
            stack.add(f.toString());
        }
        return new LeakViolation(kind, scope.testClass, scope.testMethod, scope.name, t.opener(), t.thread, count,
                detail, stack);
    }

    /** The findings so far; for tests and the result file. */
    List<LeakViolation> violations() {
        synchronized (violations) {
            return new ArrayList<>(violations);
        }
    }

    AgentRun snapshot() {
        return new AgentRun(ProcessHandle.current().pid(), listenerActive, testsObserved.get(), userConnections.get(),
                clientConnections.get(), poolConnections.get(), infrastructureConnections.get(), outsideTests.get(),
                violations());
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
