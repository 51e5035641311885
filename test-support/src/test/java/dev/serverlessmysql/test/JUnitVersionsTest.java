package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.serverlessmysql.test.engine.TestSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The oldest and the newest JUnit the test support claims (5.10 and 6.x), each in a JVM of its own with only that
 * JUnit on the class path, run the {@link JUnitLifecycleTest} fixtures against this JVM's shared server: the class
 * databases and users are gone when the classes end, {@code @Nested} settings apply, and methods of a database reset
 * per method never overlap under parallel execution. The JUnit jars are copied by the build (see the pom).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JUnitVersionsTest {

    private static final String JARS = "serverlessmysql.test.junit.jars";

    @ParameterizedTest(name = "JUnit {0}")
    @ValueSource(strings = {"oldest", "newest"})
    void classDatabasesAreDroppedAndNestedAndParallelWorkOn(String which) throws Exception {
        Path jars = Path.of(System.getProperty(JARS, "target/junit-versions")).resolve(which);
        if (!Files.isDirectory(jars)) {
            fail("No JUnit jars at " + jars.toAbsolutePath() + ": run this test through Maven (mvn -pl test-support verify),"
                    + " which copies them there.");
        }
        String version;
        try (Stream<Path> files = Files.list(jars)) {
            version = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("junit-jupiter-api-"))
                    .map(n -> n.substring("junit-jupiter-api-".length(), n.length() - ".jar".length())).findFirst().orElseThrow();
        }
        MySqlServer server = TestServers.shared(TestSettings.fromSystem());
        Map<String, String> properties = new HashMap<>(JUnitLifecycleTest.PARALLEL);
        properties.put(Fixtures.ENABLED, "true");
        properties.put("serverlessmysql.test.fixture.print", "true");
        properties.put(TestSettings.ENGINE, "external");
        properties.put(TestSettings.URL, server.process().jdbcUrl(""));
        properties.put(TestSettings.USER, server.process().adminUser());
        properties.put(TestSettings.PASSWORD, server.process().adminPassword());

        String output = runChild(jars, properties, JUnitLifecycleTest.OuterWithNested.class, JUnitLifecycleTest.ResetPerMethod.class);

        assertTrue(output.contains("JUNIT " + version + "\n"), "the child ran JUnit " + version + ":\n" + output);
        Map<String, String[]> seen = seen(output);
        for (String role : List.of("outer", "reset")) {
            assertGone(server, seen.get(role)[0], seen.get(role)[1]);
        }
        assertTrue(output.contains("RESULT succeeded=5 failed=0"), output);
        assertEquals(seen.get("outer")[0], seen.get("inherits")[0], output);
        assertNotEquals(seen.get("outer")[0], seen.get("own")[0], output);
        assertGone(server, seen.get("own")[0], seen.get("own")[1]);
    }

    private static String runChild(Path jars, Map<String, String> properties, Class<?>... fixtures) throws IOException,
            InterruptedException {
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> files = Files.list(jars)) {
            files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> classPath.add(f.toString()));
        }
        for (String entry : testClassPath()) {
            if (!isJUnit(entry)) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), JUnitVersionRunner.class.getName()));
        Arrays.stream(fixtures).map(Class::getName).forEach(command::add);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), output);
        return output;
    }

    /** This JVM's test class path as Surefire builds it (its own jar hides it from java.class.path). */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).collect(Collectors.toList());
    }

    private static boolean isJUnit(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.startsWith("junit-jupiter") || name.startsWith("junit-platform") || name.startsWith("opentest4j")
                || name.startsWith("apiguardian") || name.startsWith("junit-bom");
    }

    private static Map<String, String[]> seen(String output) {
        Map<String, String[]> seen = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("SEEN ")) {
                String[] parts = line.split(" ");
                seen.put(parts[1], new String[] {parts[2], parts[3]});
            }
        }
        assertFalse(seen.isEmpty(), "the fixtures reported nothing:\n" + output);
        return seen;
    }

    private static void assertGone(MySqlServer server, String database, String user) throws SQLException {
        assertEquals(List.of(), Fixtures.strings(server.adminDataSource(),
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + database + "%'"), database);
        assertEquals(List.of(), Fixtures.strings(server.adminDataSource(), "SELECT User FROM mysql.user WHERE User = '" + user + "'"),
                user);
    }
}
