package dev.serverlessmysql.leak;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agent's options, written by {@code serverless-mysql:prepare} as
 * {@code out=DIR,clients=A;B,pools=C;D,libraries=E;F,excludes=G}. Lists are separated by semicolons. Patterns
 * take the forms {@code com.example.Db} (a class and its nested classes), {@code com.example.*} (a package),
 * {@code com.example.**} (a package and its subpackages) or {@code com.example.} (a prefix).
 */
public final class AgentOptions {

    /**
     * Clients: classes that own connections on the user's behalf and may keep one open across invocations. Each
     * instance counts as one client. Helper classes of a client in library packages are looked through.
     */
    public static final List<String> DEFAULT_CLIENTS = List.of("dev.serverlessmysql.ServerlessMysql",
            "dev.serverlessmysql.ManagedDataSource");

    /** Connection pools: connections they open for themselves belong to the pool, not to a test. */
    public static final List<String> DEFAULT_POOLS = List.of(
            "com.zaxxer.hikari.", "org.apache.commons.dbcp.", "org.apache.commons.dbcp2.", "org.apache.commons.pool2.",
            "org.apache.tomcat.jdbc.pool.", "org.apache.tomcat.dbcp.", "com.mchange.v2.", "org.vibur.dbcp.",
            "oracle.ucp.", "org.mariadb.jdbc.pool.", "org.mariadb.jdbc.MariaDbPoolDataSource", "io.agroal.",
            "com.alibaba.druid.pool.");

    /** Code that is never the place a leak is reported at: the report names the first frame outside it. */
    public static final List<String> DEFAULT_LIBRARIES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.", "scala.", "groovy.",
            "org.codehaus.groovy.", "org.junit.", "junit.", "org.opentest4j.", "org.apiguardian.",
            "org.apache.maven.", "org.jacoco.", "dev.serverlessmysql.", "org.mariadb.jdbc.", "com.mysql.",
            "org.h2.", "org.hsqldb.", "org.postgresql.", "org.testcontainers.", "ch.vorburger.",
            "org.springframework.", "org.hibernate.", "org.jooq.", "org.jdbi.", "org.mybatis.", "org.apache.ibatis.",
            "com.amazonaws.", "software.amazon.", "org.slf4j.", "ch.qos.logback.", "org.apache.logging.",
            "net.bytebuddy.", "org.mockito.", "org.assertj.", "org.hamcrest.");

    private final Path out;
    private final List<String> clients;
    private final List<String> pools;
    private final List<String> libraries;
    private final List<String> excludes;
    private final ClassPatterns excluded;
    private final Path mainClasses;

    AgentOptions(Path out, List<String> clients, List<String> pools, List<String> libraries, List<String> excludes,
            Path mainClasses) {
        this.mainClasses = mainClasses == null ? null : mainClasses.toAbsolutePath().normalize();
        this.out = out;
        this.clients = List.copyOf(clients);
        this.pools = List.copyOf(pools);
        this.libraries = List.copyOf(libraries);
        this.excludes = List.copyOf(excludes);
        this.excluded = new ClassPatterns(excludes);
    }

    /** Parses the agent argument string. Unknown keys are ignored so that older plugins keep working. */
    public static AgentOptions parse(String args) {
        Path out = Paths.get("target", "serverless-mysql", "leaks");
        List<String> clients = new ArrayList<>(DEFAULT_CLIENTS);
        List<String> pools = new ArrayList<>(DEFAULT_POOLS);
        List<String> libraries = new ArrayList<>(DEFAULT_LIBRARIES);
        List<String> excludes = new ArrayList<>();
        Path mainClasses = null;
        if (args != null && !args.isBlank()) {
            for (String part : args.split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                switch (key) {
                    case "out" -> out = Paths.get(value);
                    case "clients" -> clients = split(value);
                    case "pools" -> pools.addAll(split(value));
                    case "libraries" -> libraries.addAll(split(value));
                    case "excludes" -> excludes.addAll(split(value));
                    case "mainClasses" -> mainClasses = Paths.get(value);
                    default -> { }
                }
            }
        }
        return new AgentOptions(out, clients, pools, libraries, excludes, mainClasses);
    }

    /**
     * Writes options in the form {@link #parse(String)} reads. {@code mainClasses}, the module's main classes
     * directory or {@code null}, lets the agent tell connections the main code opened from those the test code opened.
     */
    public static String format(Path out, List<String> clients, List<String> pools, List<String> libraries,
            List<String> excludes, Path mainClasses) {
        StringBuilder b = new StringBuilder("out=").append(out);
        b.append(",clients=").append(String.join(";", clients));
        if (!pools.isEmpty()) {
            b.append(",pools=").append(String.join(";", pools));
        }
        if (!libraries.isEmpty()) {
            b.append(",libraries=").append(String.join(";", libraries));
        }
        if (!excludes.isEmpty()) {
            b.append(",excludes=").append(String.join(";", excludes));
        }
        if (mainClasses != null) {
            b.append(",mainClasses=").append(mainClasses.toAbsolutePath());
        }
        return b.toString();
    }

    private static List<String> split(String value) {
        List<String> list = new ArrayList<>();
        for (String s : Arrays.asList(value.split(";"))) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        return list;
    }

    /** The directory the agent writes its results to. */
    public Path out() {
        return out;
    }

    /** Client class patterns. */
    public List<String> clients() {
        return clients;
    }

    /** Pool class prefixes. */
    public List<String> pools() {
        return pools;
    }

    /** Library class prefixes. */
    public List<String> libraries() {
        return libraries;
    }

    /** The module's main classes directory (absolute, normalised), or {@code null} when the plugin did not say. */
    public Path mainClasses() {
        return mainClasses;
    }

    /** Class patterns the agent leaves alone: never instrumented, never reported. */
    public List<String> excludes() {
        return excludes;
    }

    /** Whether the agent leaves {@code className} alone. */
    boolean excluded(String className) {
        return !excludes.isEmpty() && excluded.matches(className);
    }
}
