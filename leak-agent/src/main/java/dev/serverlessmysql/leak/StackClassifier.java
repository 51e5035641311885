package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.List;

/**
 * What a class is, for attribution: a client (may keep one connection across invocations), a pool, library code
 * (never the place a leak is reported at) or user code. Clients are checked first, so a pool class named in
 * {@code <clients>} is a client.
 */
final class StackClassifier {

    /** Who owns a physical connection. */
    enum Owner {
        /** Opened by user code: must be closed before the test ends. */
        USER,
        /** Opened by a pool. */
        POOL,
        /** Opened by a client. */
        CLIENT,
        /** Opened by test infrastructure, not by code under test. */
        INFRASTRUCTURE
    }

    /** What a class is, for classification. */
    enum Category {
        USER, LIBRARY, POOL, CLIENT
    }

    private final ClassPatterns clients;
    private final ClassPatterns pools;
    private final ClassPatterns libraries;

    StackClassifier(AgentOptions options) {
        this.clients = new ClassPatterns(options.clients());
        this.pools = prefixes(options.pools());
        this.libraries = prefixes(options.libraries());
    }

    private static ClassPatterns prefixes(List<String> list) {
        List<String> p = new ArrayList<>();
        for (String s : list) {
            p.add(prefix(s));
        }
        return new ClassPatterns(p);
    }

    /** A package name becomes a prefix ({@code com.zaxxer.hikari.}); a class name stays a class. */
    static String prefix(String s) {
        if (s.endsWith(".") || s.endsWith("*")) {
            return s;
        }
        String last = s.substring(s.lastIndexOf('.') + 1);
        return !last.isEmpty() && Character.isUpperCase(last.charAt(0)) ? s : s + ".";
    }

    boolean isClient(String className) {
        return clients.matches(className);
    }

    /** The pool pattern {@code className} belongs to ({@code com.zaxxer.hikari.}), or {@code null}. */
    String poolFamily(String className) {
        return pools.match(className);
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
}
