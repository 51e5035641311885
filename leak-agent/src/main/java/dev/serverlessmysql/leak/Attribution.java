package dev.serverlessmysql.leak;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the stack of the code that just made a physical connection, or built a pool or client: who made it
 * (a pool, a client, user code or test infrastructure), the first user frame (where the user's code, or a
 * library outside the known library packages, asked for it), and — when that frame is in a jar — the first frame
 * of the project's own classes, the line that called into the library. Only class names are read while walking;
 * file names and line numbers only of the frames kept.
 */
final class Attribution {

    static final String HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    static final String STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
    static final int MAX_DEPTH = 1024;
    /** How far past the opener a handler class is looked for. */
    static final int HANDLER_LOOKAHEAD = 24;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));

    private static final ClassValue<Boolean> IS_HANDLER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return implementsHandler(type);
        }
    };

    private static final ClassValue<Boolean> PROJECT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                CodeSource s = type.getProtectionDomain().getCodeSource();
                URL url = s == null ? null : s.getLocation();
                return url != null && "file".equals(url.getProtocol()) && url.getPath().endsWith("/");
            } catch (SecurityException e) {
                return false;
            }
        }
    };

    /**
     * What the walk found.
     *
     * @param owner who made the connection
     * @param clientClass the first client frame's class, or {@code null}
     * @param poolFamily the pool pattern of the first pool frame, or {@code null}
     * @param opener the first user frame, or {@code null}
     * @param caller the first frame of the project's own classes when {@code opener} is in a jar, else {@code null}
     * @param handler the first Lambda handler class near the opener, or {@code null}
     * @param path the user frames from the opener outwards, up to the running test's own frames: the code path
     *     that built a pool or client, so that one built per invocation is told from two built by different code
     *     through one helper
     * @param simulated whether the code ran inside a simulated Lambda container ({@code LambdaSimulator}), where
     *     every container builds its own pool or client
     * @param insidePool whether a pool's own method (not a constructor) is on the stack before the user's code: a
     *     data source a pool builds for itself (HikariCP's DriverDataSource) is the pool's, not a pool of its own
     * @param mainCode whether the project frame that asked for the connection (the opener, or the caller when the
     *     opener is in a jar) is a class of the module's main classes directory, not of its tests
     */
    record Walk(StackClassifier.Owner owner, String clientClass, String poolFamily, Frame opener, Frame caller,
            String handler, List<Frame> path, boolean simulated, boolean insidePool, boolean mainCode) {
    }

    /** The simulator's classes: what they run is one container each. */
    static final String SIMULATOR = "dev.serverlessmysql.test.";
    private static final List<String> SIMULATOR_CLASSES =
            List.of("LambdaSimulator", "SimulationRun", "ContainerPool", "SimulatedContainer");

    static final int MAX_PATH = 8;

    private final StackClassifier classifier;
    private final ClassValue<Boolean> main;
    private final ClassValue<StackClassifier.Category> categories = new ClassValue<>() {
        @Override
        protected StackClassifier.Category computeValue(Class<?> type) {
            return classifier.category(type.getName());
        }
    };

    /** {@code mainClasses}: the module's main classes directory, or {@code null} when unknown (nothing is main code). */
    Attribution(StackClassifier classifier, Path mainClasses) {
        this.classifier = classifier;
        this.main = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return mainClasses != null && mainClasses.equals(directoryOf(type));
            }
        };
    }

    /** The directory a class was loaded from, absolute and normalised, or {@code null} for a jar or no code source. */
    static Path directoryOf(Class<?> type) {
        try {
            CodeSource s = type.getProtectionDomain().getCodeSource();
            URL url = s == null ? null : s.getLocation();
            if (url == null || !"file".equals(url.getProtocol()) || !url.getPath().endsWith("/")) {
                return null;
            }
            return Paths.get(url.toURI()).toAbsolutePath().normalize();
        } catch (SecurityException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Walks the current stack, leaving out the agent's own frames; {@code testClass} ends the path. */
    Walk walk(String testClass) {
        return WALKER.walk(s -> walk(s, testClass, false));
    }

    /** Walks the whole stack, for the rare constructor of a pool or client: whether a simulator runs it too. */
    Walk walkAll(String testClass) {
        return WALKER.walk(s -> walk(s, testClass, true));
    }

    /** Only the project frame: for a call site in a jar, the line of the project's code that called into it. */
    Frame projectCaller() {
        return WALKER.walk(s -> {
            Iterator<StackWalker.StackFrame> it = s.iterator();
            for (int depth = 0; it.hasNext() && depth < MAX_DEPTH; depth++) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                if (!isAgent(c) && categories.get(c) == StackClassifier.Category.USER && PROJECT.get(c)) {
                    return frame(f);
                }
            }
            return null;
        });
    }

    private Walk walk(Stream<StackWalker.StackFrame> frames, String testClass, boolean all) {
        List<Frame> path = new ArrayList<>();
        boolean pathDone = false;
        boolean simulated = false;
        boolean insidePool = false;
        String clientClass = null;
        String poolFamily = null;
        boolean sawPool = false;
        Frame opener = null;
        Frame caller = null;
        boolean openerProject = false;
        boolean mainCode = false;
        String handler = null;
        int afterOpener = -1;
        Iterator<StackWalker.StackFrame> it = frames.iterator();
        for (int depth = 0; it.hasNext() && depth < MAX_DEPTH; depth++) {
            StackWalker.StackFrame f = it.next();
            Class<?> c = f.getDeclaringClass();
            if (isAgent(c)) {
                continue;
            }
            if (handler == null && isHandler(c)) {
                handler = c.getName();
            }
            if (all && !simulated && c.getName().startsWith(SIMULATOR)
                    && SIMULATOR_CLASSES.contains(c.getSimpleName())) {
                simulated = true;
            }
            if (afterOpener >= 0) {
                afterOpener++;
            }
            switch (categories.get(c)) {
                case CLIENT -> {
                    if (clientClass == null && opener == null) {
                        clientClass = c.getName();
                    }
                }
                case POOL -> {
                    if (opener == null && depth > 0 && !"<init>".equals(f.getMethodName())) {
                        insidePool = true;
                    }
                    if (!sawPool && clientClass == null && opener == null) {
                        sawPool = true;
                        poolFamily = packageOf(c.getName());
                    }
                }
                case LIBRARY -> { }
                case USER -> {
                    if (testClass != null && Owners.sameClass(c.getName(), testClass)) {
                        if (!pathDone && path.isEmpty()) {
                            path.add(frame(f)); // built in the test itself: its own line tells it apart
                        }
                        pathDone = true;
                    } else if (!pathDone && path.size() < MAX_PATH) {
                        path.add(frame(f));
                    }
                    if (opener == null) {
                        opener = path.isEmpty() ? frame(f) : path.get(0);
                        afterOpener = 0;
                        openerProject = PROJECT.get(c);
                        mainCode = openerProject && main.get(c);
                    } else if (!openerProject && caller == null && PROJECT.get(c)) {
                        caller = frame(f);
                        mainCode = main.get(c);
                    }
                }
                default -> throw new IllegalStateException();
            }
            boolean projectFound = opener != null && (openerProject || caller != null);
            pathDone |= path.size() >= MAX_PATH;
            if (!all && projectFound && (handler != null || afterOpener >= HANDLER_LOOKAHEAD) && pathDone) {
                break;
            }
        }
        StackClassifier.Owner owner = sawPool ? StackClassifier.Owner.POOL
                : clientClass != null ? StackClassifier.Owner.CLIENT
                : opener == null ? StackClassifier.Owner.INFRASTRUCTURE : StackClassifier.Owner.USER;
        return new Walk(owner, clientClass, poolFamily, opener, caller, handler, List.copyOf(path), simulated, insidePool,
                mainCode);
    }

    /** {@code com.zaxxer.hikari.pool.} for {@code com.zaxxer.hikari.pool.HikariPool}. */
    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot + 1);
    }

    private static boolean isAgent(Class<?> c) {
        return c == LeakTracker.class || c == LeakHooks.class || c == Owners.class || c == Attribution.class;
    }

    private static Frame frame(StackWalker.StackFrame f) {
        return new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
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
}
