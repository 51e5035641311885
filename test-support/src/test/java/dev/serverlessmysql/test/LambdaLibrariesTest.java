package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LambdaLibraries} against real jars of old AWS Lambda libraries, each in a class loader of its own with nothing
 * else (the build copies them to target/lambda-libraries; see the pom): what a project sees when its own older version
 * wins Maven's mediation.
 */
class LambdaLibrariesTest {

    private static final Path JARS = Path.of(System.getProperty("serverlessmysql.test.lambda.jars", "target/lambda-libraries"));
    private static final Properties BUILT_WITH = LambdaLibraries.builtWith(LambdaLibraries.class.getClassLoader());

    @Test
    void acceptsTheLibrariesThisModuleIsBuiltWith() {
        assertEquals(List.of(), LambdaLibraries.problems(LambdaLibraries.class.getClassLoader(), BUILT_WITH));
        for (String artifact : List.of("aws-lambda-java-core", "aws-lambda-java-events", "aws-lambda-java-serialization")) {
            assertTrue(BUILT_WITH.getProperty(artifact, "").matches("[0-9]+\\.[0-9]+\\.[0-9]+"),
                    "the build filled in the version of " + artifact + ": " + BUILT_WITH);
        }
    }

    @Test
    void acceptsTheOldestVersionsItIsTestedWith() throws IOException {
        try (URLClassLoader loader = loaderOf("aws-lambda-java-core-1.2.3.jar", "aws-lambda-java-events-3.12.0.jar",
                "aws-lambda-java-serialization-1.0.0.jar")) {
            assertEquals(List.of(), LambdaLibraries.problems(loader, BUILT_WITH));
        }
    }

    @Test
    void namesCoreToUpgradeWhenAProjectsOwnOldCoreWins() throws IOException {
        try (URLClassLoader loader = loaderOf("aws-lambda-java-core-1.2.0.jar", "aws-lambda-java-events-3.12.0.jar",
                "aws-lambda-java-serialization-1.0.0.jar")) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("com.amazonaws:aws-lambda-java-core 1.2.0 from "), message);
            assertTrue(message.contains("aws-lambda-java-core-1.2.0.jar is too old: it lacks"
                    + " com.amazonaws.services.lambda.runtime.CustomPojoSerializer"), message);
            assertTrue(message.contains("Use com.amazonaws:aws-lambda-java-core " + BUILT_WITH.getProperty("aws-lambda-java-core")
                    + " (the version serverless-mysql-test is built with"), message);
            assertTrue(message.contains("1.2.3 is the oldest that works"), message);
            assertTrue(message.contains("mvn dependency:tree"), message);
            assertEquals(1, message.lines().filter(l -> l.startsWith("  - ")).count(), "only core is wrong:\n" + message);
        }
    }

    @Test
    void namesEventsWhenTheirModelLacksFieldsTheBuildersWrite() throws IOException {
        try (URLClassLoader loader = loaderOf("aws-lambda-java-core-1.2.3.jar", "aws-lambda-java-events-3.11.0.jar",
                "aws-lambda-java-serialization-1.0.0.jar")) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("com.amazonaws:aws-lambda-java-events 3.11.0 from "), message);
            assertTrue(message.contains("APIGatewayProxyRequestEvent$ProxyRequestContext#getDomainName"), message);
            assertTrue(message.contains("Use com.amazonaws:aws-lambda-java-events " + BUILT_WITH.getProperty(
                    "aws-lambda-java-events")), message);
        }
    }

    @Test
    void namesALibraryThatIsMissingAltogether() throws IOException {
        try (URLClassLoader loader = loaderOf("aws-lambda-java-core-1.2.3.jar", "aws-lambda-java-events-3.12.0.jar")) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("com.amazonaws:aws-lambda-java-serialization is not on the test class path"), message);
        }
    }

    @Test
    void saysWhichDependencyOfALibraryCannotBeLoaded() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar("aws-lambda-java-core-1.2.3.jar"),
                jar("aws-lambda-java-events-3.12.0.jar"), jar("aws-lambda-java-serialization-1.0.0.jar")}, null)) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("ScheduledEvent#getVersion (it cannot be loaded: java.lang.NoClassDefFoundError:"
                    + " org/joda/time/DateTime)"), message);
        }
    }

    @Test
    void judgesAJarWithoutMavenMetadataByItsClasses(@TempDir Path dir) throws IOException {
        Path repackaged = withoutMavenMetadata(JARS.resolve("aws-lambda-java-core-1.2.0.jar"), dir.resolve("lambda-core.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {repackaged.toUri().toURL(),
                jar("aws-lambda-java-events-3.12.0.jar"), jar("aws-lambda-java-serialization-1.0.0.jar"), jodaTime()}, null)) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("com.amazonaws:aws-lambda-java-core (version unknown) from " + repackaged), message);
            assertTrue(message.contains("CustomPojoSerializer"), message);
        }
        Path fine = withoutMavenMetadata(JARS.resolve("aws-lambda-java-core-1.2.3.jar"), dir.resolve("lambda-core-ok.jar"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {fine.toUri().toURL(),
                jar("aws-lambda-java-events-3.12.0.jar"), jar("aws-lambda-java-serialization-1.0.0.jar"), jodaTime()}, null)) {
            assertEquals(List.of(), LambdaLibraries.problems(loader, BUILT_WITH), "its classes are all there");
        }
    }

    @Test
    void readsTheVersionOfTheJarThatHoldsTheClassesNotOfAnotherCopy(@TempDir Path dir) throws IOException {
        // a shaded jar that carries the metadata of a newer copy, but not its classes, must not hide the old jar
        Path decoy = dir.resolve("decoy.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(decoy))) {
            out.putNextEntry(new JarEntry("META-INF/maven/com.amazonaws/aws-lambda-java-core/pom.properties"));
            out.write("version=9.9.9\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {decoy.toUri().toURL(), jar("aws-lambda-java-core-1.2.0.jar"),
                jar("aws-lambda-java-events-3.12.0.jar"), jar("aws-lambda-java-serialization-1.0.0.jar"), jodaTime()}, null)) {
            String message = String.join("\n", LambdaLibraries.problems(loader, BUILT_WITH));
            assertTrue(message.contains("aws-lambda-java-core 1.2.0 from "), message);
        }
    }

    @Test
    void comparesVersionsNumerically() {
        assertTrue(LambdaLibraries.compare("1.2.10", "1.2.3") > 0);
        assertTrue(LambdaLibraries.compare("1.2", "1.2.3") < 0);
        assertEquals(0, LambdaLibraries.compare("3.12.0", "3.12"));
        assertTrue(LambdaLibraries.compare("3.16.1", "3.12.0") > 0);
        assertTrue(LambdaLibraries.compare("1.2.3-SNAPSHOT", "1.2.3") == 0);
    }

    private static URLClassLoader loaderOf(String... jars) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String name : jars) {
            urls.add(jar(name));
        }
        urls.add(jodaTime());
        // no parent: the JDK only, as a project's test class path would have one copy of each library
        return new URLClassLoader(urls.toArray(URL[]::new), null);
    }

    /** A dependency of aws-lambda-java-events (its ScheduledEvent's time), from this module's own class path. */
    private static URL jodaTime() {
        try {
            return Class.forName("org.joda.time.DateTime").getProtectionDomain().getCodeSource().getLocation();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("joda-time comes with aws-lambda-java-events", e);
        }
    }

    private static URL jar(String name) throws IOException {
        Path jar = JARS.resolve(name);
        if (!Files.isRegularFile(jar)) {
            fail("No " + jar.toAbsolutePath() + ": run this test through Maven (mvn -pl test-support verify), which copies"
                    + " the old Lambda libraries there.");
        }
        return jar.toUri().toURL();
    }

    private static Path withoutMavenMetadata(Path source, Path target) throws IOException {
        try (JarFile in = new JarFile(source.toFile()); OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file)) {
            for (JarEntry entry : Collections.list(in.entries())) {
                if (entry.getName().startsWith("META-INF/maven/") || entry.isDirectory()) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream bytes = in.getInputStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }
}
