package dev.serverlessmysql.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One syntax for class selection, used by the report and the check alike. A pattern names classes with dots
 * ({@code com.example.generated.**}, {@code **.*Config}, {@code com.example.Main}); slashes and a trailing
 * {@code .class} or {@code .java} are accepted too. {@code *} matches within one package segment, {@code **}
 * across segments, {@code ?} one character. A pattern that matches a class also matches its nested classes.
 */
final class ClassGlobs {

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();

    public ClassGlobs(List<String> globs) {
        if (globs != null) {
            for (String g : globs) {
                if (g != null && !g.isBlank()) {
                    sources.add(g.trim());
                    patterns.add(compile(g.trim()));
                }
            }
        }
    }

    static Pattern compile(String glob) {
        String g = glob.replace('/', '.').replace('\\', '.');
        if (g.endsWith(".class")) {
            g = g.substring(0, g.length() - 6);
        } else if (g.endsWith(".java")) {
            g = g.substring(0, g.length() - 5);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    i++;
                    // "a.**" matches a's classes and subpackages; "**.X" matches X in any package
                    if (i + 1 < g.length() && g.charAt(i + 1) == '.') {
                        i++;
                        re.append("(?:.*\\.)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^.]*");
                }
            } else if (c == '?') {
                re.append("[^.]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append("(?:\\$.*)?");
        return Pattern.compile(re.toString());
    }

    /** Whether no pattern was given. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code className} (binary name with dots) matches any pattern. */
    public boolean matches(String className) {
        for (Pattern p : patterns) {
            if (p.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The patterns as written. */
    public List<String> sources() {
        return sources;
    }
}
