package dev.serverlessmysql.test;

import dev.serverlessmysql.test.container.ContainerEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes a simulated container loads afresh and which it shares with the test JVM, and the bytes of the ones
 * it loads, read once and shared by every container of a simulator.
 *
 * <p>A class is loaded afresh (isolated) when it comes from an isolated code source (by default the handler's own:
 * the project's compiled classes), or its name starts with an isolated package prefix (by default the toolkit's
 * clients, {@code dev.serverlessmysql.}), unless a sharing rule names it first. Always shared: the JDK, JUnit, the
 * Lambda runtime interfaces and events, the JDBC drivers, coverage and leak agents, and test-support itself, so a
 * container costs only its own classes and the objects they hold.
 */
final class ContainerClasses {

    /** Shared from the test JVM whatever the settings say. */
    static final List<String> ALWAYS_SHARED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.",
            "org.opentest4j.", "org.apiguardian.", "com.amazonaws.services.lambda.runtime.", "com.mysql.",
            "org.mariadb.jdbc.", "org.objectweb.asm.", "org.jacoco.", "dev.serverlessmysql.leak.");
    static final String TOOLKIT = "dev.serverlessmysql.";
    static final String ENVIRONMENT = ContainerEnvironment.class.getName();

    /** How one isolated class is defined in every container. */
    record Definition(byte[] bytes, ProtectionDomain domain, boolean redirected) {
    }

    private static final Definition SHARED = new Definition(new byte[0], null, false);

    private final ClassLoader parent;
    private final Set<String> isolatedRoots;
    private final String ownRoot;
    private final List<String> isolatedPrefixes;
    private final List<String> sharedPrefixes;
    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    private final Map<String, ProtectionDomain> domains = new ConcurrentHashMap<>();
    private final ProtectionDomain noLocation = new ProtectionDomain(new CodeSource(null, (Certificate[]) null), null);

    ContainerClasses(ClassLoader parent, Set<String> isolatedRoots, List<String> isolatedPrefixes, List<String> sharedPrefixes) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.ownRoot = rootOf(parent, LambdaSimulator.class.getName()).orElse("");
        this.isolatedRoots = new LinkedHashSet<>(isolatedRoots);
        this.isolatedRoots.remove(ownRoot);
        this.isolatedPrefixes = List.copyOf(isolatedPrefixes);
        this.sharedPrefixes = List.copyOf(sharedPrefixes);
    }

    ClassLoader parent() {
        return parent;
    }

    /** The code source root a class is loaded from through {@code loader}: a directory or jar URL, as text. */
    static Optional<String> rootOf(ClassLoader loader, String className) {
        String path = className.replace('.', '/') + ".class";
        URL url = loader.getResource(path);
        return url == null ? Optional.empty() : rootOf(url, path);
    }

    private static Optional<String> rootOf(URL url, String path) {
        String text = url.toExternalForm();
        if (text.startsWith("jar:")) {
            int bang = text.indexOf("!/");
            return bang < 0 ? Optional.empty() : Optional.of(text.substring(4, bang));
        }
        if (text.startsWith("file:") && text.endsWith(path)) {
            return Optional.of(text.substring(0, text.length() - path.length()));
        }
        return Optional.empty();
    }

    /** Whether {@code className} is shared whatever the settings say. */
    boolean alwaysShared(String className) {
        if (className.equals(ENVIRONMENT)) {
            return false;
        }
        for (String prefix : ALWAYS_SHARED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return rootOf(parent, className).map(ownRoot::equals).orElse(false);
    }

    /** How to define {@code className} in a container, or null when the container takes the test JVM's class. */
    Definition definition(String className) {
        Definition d = definitions.computeIfAbsent(className, this::decide);
        return d == SHARED ? null : d;
    }

    private Definition decide(String className) {
        if (className.equals(ENVIRONMENT)) {
            return read(className, false);
        }
        if (matches(className, sharedPrefixes) || alwaysShared(className)) {
            return SHARED;
        }
        if (matches(className, isolatedPrefixes)) {
            return read(className, true);
        }
        Optional<String> root = rootOf(parent, className);
        return root.isPresent() && isolatedRoots.contains(root.get()) ? read(className, true) : SHARED;
    }

    private Definition read(String className, boolean redirect) {
        String path = className.replace('.', '/') + ".class";
        URL url = parent.getResource(path);
        if (url == null) {
            return SHARED; // the parent reports the ClassNotFoundException
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url + " for a simulated Lambda container", e);
        }
        byte[] rewritten = redirect ? EnvironmentRedirect.rewrite(className, bytes) : null;
        if (rewritten != null) {
            // no location: coverage agents skip bytecode that matches no class file on disk instead of recording
            // execution data that would never match it
            return new Definition(rewritten, noLocation, true);
        }
        String root = rootOf(url, path).orElse(null);
        ProtectionDomain domain = root == null ? noLocation : domains.computeIfAbsent(root, r -> {
            try {
                return new ProtectionDomain(new CodeSource(new URL(r), (Certificate[]) null), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new Definition(bytes, domain, false);
    }

    private static boolean matches(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Classes read so far that containers define themselves (for tests and the report). */
    List<String> isolatedSoFar() {
        List<String> names = new ArrayList<>();
        definitions.forEach((name, d) -> {
            if (d != SHARED) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    @Override
    public String toString() {
        return "ContainerClasses[isolated roots " + isolatedRoots + ", isolated packages " + isolatedPrefixes
                + ", shared packages " + sharedPrefixes + "]";
    }
}
