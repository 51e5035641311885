package dev.serverlessmysql.leak;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of class-name patterns: {@code com.example.Db} (that class and its nested classes), {@code com.example.*}
 * (classes of that package), {@code com.example.**} (that package and its subpackages) or {@code com.example.}
 * (plain prefix).
 */
final class ClassPatterns {

    private final List<String> exact = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    ClassPatterns(Iterable<String> patterns) {
        for (String raw : patterns) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith(".**")) {
                prefixes.add(p.substring(0, p.length() - 2));
            } else if (p.endsWith(".*")) {
                packages.add(p.substring(0, p.length() - 1));
            } else if (p.endsWith(".")) {
                prefixes.add(p);
            } else {
                exact.add(p);
            }
        }
    }

    static ClassPatterns of(String... patterns) {
        return new ClassPatterns(List.of(patterns));
    }

    boolean isEmpty() {
        return exact.isEmpty() && packages.isEmpty() && prefixes.isEmpty();
    }

    boolean matches(String className) {
        return match(className) != null;
    }

    /** The pattern's stem that {@code className} matches (a prefix, package or class name), or {@code null}. */
    String match(String className) {
        for (int i = 0; i < prefixes.size(); i++) {
            if (className.startsWith(prefixes.get(i))) {
                return prefixes.get(i);
            }
        }
        for (int i = 0; i < exact.size(); i++) {
            String e = exact.get(i);
            if (className.startsWith(e) && (className.length() == e.length() || className.charAt(e.length()) == '$')) {
                return e;
            }
        }
        for (int i = 0; i < packages.size(); i++) {
            String p = packages.get(i);
            if (className.startsWith(p) && className.indexOf('.', p.length()) < 0) {
                return p;
            }
        }
        return null;
    }
}
