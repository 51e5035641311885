package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSetupTest {

    @TempDir
    Path dir;

    private static final List<TestSetup.TestPlugin> CURRENT =
            List.of(new TestSetup.TestPlugin("maven-surefire-plugin", "3.5.4"));

    @Test
    void mavenDefaultSurefireIsTooOldAndTheFixNamesPluginAndVersion() {
        List<String> p = TestSetup.problems(List.of(new TestSetup.TestPlugin("maven-surefire-plugin", "2.12.4")),
                true, false, false, true, true);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("maven-surefire-plugin 2.12.4 is too old"), p.get(0));
        assertTrue(p.get(0).contains("<artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>"), p.get(0));
        assertTrue(p.get(0).contains("3.0.0 or newer"), p.get(0));
        assertEquals(List.of(), TestSetup.problems(CURRENT, true, false, false, true, true));
        assertEquals(List.of(), TestSetup.problems(List.of(new TestSetup.TestPlugin("maven-failsafe-plugin",
                "2.22.2")), false, false, false, true, true), "no tests, nothing to run");
    }

    @Test
    void junit4TestsWithoutTheVintageEngineAreNamedWithTheFix() {
        List<String> p = TestSetup.problems(CURRENT, true, true, false, true, true);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("junit-vintage-engine"), p.get(0));
        assertEquals(List.of(), TestSetup.problems(CURRENT, true, true, true, true, true));
        assertEquals(List.of(), TestSetup.problems(CURRENT, true, true, false, false, false),
                "JUnit 4 alone runs under surefire's JUnit 4 provider when the leak check is off");
    }

    @Test
    void findsJUnit4TestsInTheSources() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/test/java/com/example"));
        Files.writeString(src.resolve("NewTest.java"), "import org.junit.jupiter.api.Test;\nclass NewTest {}");
        assertFalse(TestSetup.junit4Tests(List.of(dir.resolve("src/test/java"))));
        Files.writeString(src.resolve("OldTest.java"), "import org.junit.Test;\nclass OldTest {}");
        assertTrue(TestSetup.junit4Tests(List.of(dir.resolve("src/test/java"))));
        assertTrue(TestSetup.testSources(List.of(dir.resolve("src/test/java"))));
        assertFalse(TestSetup.testSources(List.of(dir.resolve("absent"))));
    }

    @Test
    void aPrefixTheRootCannotResolveFailsAtOnceWithTheFullName() {
        String p = TestSetup.prefixProblem(List.of("verify", "serverless-mysql:check-aggregate"), false, List.of(),
                Path.of("/work/app/pom.xml"), "0.1.0-SNAPSHOT");
        assertTrue(p.contains("mvn verify dev.serverlessmysql:serverless-mysql-maven-plugin:0.1.0-SNAPSHOT:check-aggregate"),
                p);
        assertNull(TestSetup.prefixProblem(List.of("verify", "serverless-mysql:check-aggregate"), true, List.of(),
                Path.of("pom.xml"), "1"));
        assertNull(TestSetup.prefixProblem(List.of("verify", "serverless-mysql:check-aggregate"), false,
                List.of("dev.serverlessmysql"), Path.of("pom.xml"), "1"));
        assertNull(TestSetup.prefixProblem(List.of("verify"), false, List.of(), Path.of("pom.xml"), "1"));
    }

    @Test
    void versionsCompareByNumber() {
        assertTrue(TestSetup.compare("2.12.4", "3.0.0") < 0);
        assertTrue(TestSetup.compare("3.0.0-M9", "3.0.0") == 0);
        assertTrue(TestSetup.compare("3.10.1", "3.9.0") > 0);
    }
}
