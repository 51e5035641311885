package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What prepare checks before any test runs, so that a build never ends in "Tests run: 0" and a misleading verdict:
 * a surefire or failsafe too old for the JUnit Platform, JUnit 4 tests that no engine runs, and a reactor-wide
 * check whose prefix Maven will not resolve at the end of the build.
 */
final class TestSetup {

    /** The oldest surefire/failsafe the gate supports: JUnit Platform provider and late {@code @{argLine}}. */
    static final String MINIMUM = "3.0.0";
    /** The version the toolkit itself is built and tested with. */
    static final String RECOMMENDED = "3.5.4";
    static final String PLUGIN = "dev.serverlessmysql:serverless-mysql-maven-plugin";

    private static final Pattern JUNIT4 = Pattern.compile("import\\s+org\\.junit\\.(Test|\\*)\\s*;|@org\\.junit\\.Test\\b");

    /** One test plugin of the build. */
    record TestPlugin(String artifactId, String version) {
    }

    private TestSetup() {
    }

    /** Each problem with its fix; empty when the tests can run under the agents. */
    static List<String> problems(List<TestPlugin> plugins, boolean testSources, boolean junit4Tests,
            boolean vintageEngine, boolean jupiter, boolean leakCheck) {
        List<String> out = new ArrayList<>();
        if (!testSources) {
            return out;
        }
        for (TestPlugin p : plugins) {
            if (p.version() != null && compare(p.version(), MINIMUM) < 0) {
                out.add(p.artifactId() + " " + p.version() + " is too old for the JUnit Platform and the gate's agents:"
                        + " JUnit 5 tests do not run under it (\"Tests run: 0\"), so neither coverage nor connection"
                        + " leaks can be checked" + ("2.12.4".equals(p.version())
                                ? " (2.12.4 is what Maven 3.8.x uses when no POM names a version)" : "")
                        + ". Fix: pin " + MINIMUM + " or newer in <build><plugins>: <plugin><artifactId>"
                        + p.artifactId() + "</artifactId><version>" + RECOMMENDED + "</version></plugin>.");
            }
        }
        if (junit4Tests && !vintageEngine && (jupiter || leakCheck)) {
            out.add("the test sources hold JUnit 4 tests (org.junit.Test), but no engine runs them on the JUnit"
                    + " Platform: " + (jupiter ? "with JUnit Jupiter on the class path surefire runs only the JUnit 5"
                    + " tests and skips these without a word" : "the connection-leak check ties connections to tests"
                    + " through the JUnit Platform") + ". Fix: add the vintage engine, <dependency><groupId>"
                    + "org.junit.vintage</groupId><artifactId>junit-vintage-engine</artifactId><scope>test</scope>"
                    + "</dependency> (its version from the junit-bom you use).");
        }
        return out;
    }

    /**
     * The reactor-wide check named by its prefix, where Maven cannot resolve the prefix at the root; {@code null}
     * when it will resolve. Maven would fail only after the whole build, with "No plugin found for prefix".
     */
    static String prefixProblem(List<String> goals, boolean rootDeclaresPlugin, List<String> pluginGroups,
            Path rootPom, String version) {
        boolean prefixed = goals.stream().anyMatch(g -> g.startsWith("serverless-mysql:"));
        if (!prefixed || rootDeclaresPlugin || pluginGroups.contains("dev.serverlessmysql")) {
            return null;
        }
        return "the command line names serverless-mysql:... by its prefix, but the build's root " + rootPom
                + " does not declare serverless-mysql-maven-plugin, so Maven would fail after the whole build with"
                + " \"No plugin found for prefix 'serverless-mysql'\". Fix: name the goal in full, mvn verify "
                + PLUGIN + ":" + version + ":check-aggregate; or declare the plugin in the root POM's"
                + " <build><plugins>; or add <pluginGroup>dev.serverlessmysql</pluginGroup> to ~/.m2/settings.xml.";
    }

    /** Whether any test source has JUnit 4 tests. */
    static boolean junit4Tests(List<Path> roots) throws IOException {
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    if (JUNIT4.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether any test source exists. */
    static boolean testSources(List<Path> roots) throws IOException {
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    if (s.anyMatch(f -> f.toString().endsWith(".java"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Compares dotted versions by their numbers; qualifiers ({@code -M1}) are ignored. */
    static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? number(x[i]) : 0;
            int q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
