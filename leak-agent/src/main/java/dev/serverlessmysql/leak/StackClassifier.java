package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decides, from the stack of the code that just returned a connection, who owns it.
 *
 * <p>The stack is read from the innermost frame outwards. Frame 0 is the {@code Driver.connect} or
 * {@code DataSource.getConnection} method that returned the connection. Then:
 * <ul>
 *   <li>another such method further out means this call is nested in an outer one, which reports instead;</li>
 *   <li>a pool frame before any client frame means the pool opened it for itself;</li>
 *   <li>a client frame means the client owns it (it may keep one open across invocations);</li>
 *   <li>otherwise the first frame outside library code is the user code that opened it;</li>
 *   <li>no such frame at all means infrastructure (a test extension, the build tool) opened it.</li>
 * </ul>
 * Only class names are read while classifying, and method names only for classes with connection methods, so the
 * walk stays cheap; file names and line numbers are read later, and only for connections that leak.
 */
final class StackClassifier {

    /** Who owns a connection. */
    enum Owner {
        /** An outer connect/getConnection call will report the same connection. */
        NESTED,
        /** Opened by user code: must be closed before the test ends. */
        USER,
        /** Opened by a pool for itself. */
        POOL,
        /** Opened by a client that may keep it across invocations. */
        CLIENT,
        /** Opened by test infrastructure, not by code under test. */
        INFRASTRUCTURE
    }

    /** What a class is, for classification. */
    enum Category {
        USER, LIBRARY, POOL, CLIENT
    }

    /** What {@link #classify} found; {@code userFrames} start with the frame that asked for the connection. */
    record Result<F>(Owner owner, List<F> userFrames) {

        /** The first user frame: where the user's code asked for the connection. */
        F opener() {
            return userFrames.isEmpty() ? null : userFrames.get(0);
        }
    }

    /** Reads what the classifier needs from one frame. */
    interface FrameReader<F> {
        /** The frame's class name. */
        String className(F frame);

        /** The frame's class category; may be cached per class. */
        Category category(F frame);

        /** The method name; called only for classes that have connection methods. */
        String methodName(F frame);
    }

    static final int MAX_DEPTH = 1024;

    private final ClassPatterns clients;
    private final ClassPatterns pools;
    private final ClassPatterns libraries;
    private final Function<String, Boolean> connectionClass;

    /**
     * @param connectionClass tells whether a class has instrumented connect/getConnection methods
     */
    StackClassifier(AgentOptions options, Function<String, Boolean> connectionClass) {
        this.clients = new ClassPatterns(options.clients());
        this.pools = prefixes(options.pools());
        this.libraries = prefixes(options.libraries());
        this.connectionClass = connectionClass;
    }

    private static ClassPatterns prefixes(List<String> list) {
        List<String> p = new ArrayList<>();
        for (String s : list) {
            p.add(s.endsWith(".") || s.endsWith("*") ? s : s + ".");
        }
        return new ClassPatterns(p);
    }

    boolean isClient(String className) {
        return clients.matches(className);
    }

    Category category(String className) {
        if (clients.matches(className)) {
            return Category.CLIENT;
        }
        if (pools.matches(className)) {
            return Category.POOL;
        }
        if (libraries.matches(className)) {
            return Category.LIBRARY;
        }
        return Category.USER;
    }

    /** A reader for plain {@link Frame}s, which computes categories every time. */
    FrameReader<Frame> frames() {
        return new FrameReader<>() {
            @Override
            public String className(Frame f) {
                return f.className();
            }

            @Override
            public Category category(Frame f) {
                return StackClassifier.this.category(f.className());
            }

            @Override
            public String methodName(Frame f) {
                return f.methodName();
            }
        };
    }

    Result<Frame> classify(Iterable<Frame> stack) {
        return classify(stack, frames());
    }

    /** Classifies a stack whose first frame is the method that returned the connection. */
    <F> Result<F> classify(Iterable<F> stack, FrameReader<F> reader) {
        boolean sawPool = false;
        boolean sawClient = false;
        F opener = null;
        int depth = 0;
        for (F f : stack) {
            if (depth++ == 0) {
                continue;
            }
            if (depth > MAX_DEPTH) {
                break;
            }
            Category category = reader.category(f);
            if (connectionClass.apply(reader.className(f))) {
                String m = reader.methodName(f);
                if ("getConnection".equals(m) || "connect".equals(m)) {
                    return new Result<>(Owner.NESTED, List.of());
                }
            }
            switch (category) {
                case CLIENT -> sawClient = true;
                case POOL -> sawPool |= !sawClient;
                case LIBRARY -> { }
                case USER -> opener = f;
                default -> throw new IllegalStateException(category.name());
            }
            if (opener != null) {
                // the walk ends at the first user frame: each frame walked costs, and none further out is needed
                break;
            }
        }
        Owner owner = sawPool ? Owner.POOL
                : sawClient ? Owner.CLIENT
                : opener == null ? Owner.INFRASTRUCTURE : Owner.USER;
        return new Result<>(owner, opener == null ? List.of() : List.of(opener));
    }
}
