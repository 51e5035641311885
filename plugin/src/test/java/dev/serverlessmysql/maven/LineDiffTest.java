package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.tools.ExecFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing {@code git diff --unified=0} and measuring the changed lines on real JaCoCo data. */
class LineDiffTest {

    @TempDir
    Path dir;

    static final String DIFF = String.join("\n",
            "diff --git a/app/src/main/java/com/example/fixture/Handler.java"
                    + " b/app/src/main/java/com/example/fixture/Handler.java",
            "--- a/app/src/main/java/com/example/fixture/Handler.java",
            "+++ b/app/src/main/java/com/example/fixture/Handler.java",
            "@@ -9 +9 @@ public class Handler",
            "-        if (input == null || input.isBlank()) {",
            "+        if (input == null) {",
            "@@ -11,0 +10,2 @@",
            "+            return \"none\";",
            "+        }",
            "@@ -20,3 +22,0 @@",
            "--- a/README.md",
            "+++ /dev/null",
            "@@ -1,2 +0,0 @@",
            "--- /dev/null",
            "+++ b/docs/new.txt",
            "@@ -0,0 +1,3 @@",
            "");

    @Test
    void parsesAddedAndChangedLinesPerFile() {
        Map<String, SortedSet<Integer>> lines = LineDiff.parse(DIFF);

        assertEquals(new TreeSet<>(List.of(9, 10, 11)), lines.get("app/src/main/java/com/example/fixture/Handler.java"));
        assertEquals(new TreeSet<>(List.of(1, 2, 3)), lines.get("docs/new.txt"));
        assertEquals(2, lines.size(), "a deleted file has no changed lines: " + lines);
    }

    @Test
    void countsOnlyChangedLinesOfCodeAndNamesTheUncoveredOnes() throws Exception {
        IBundleCoverage bundle = handlerCoveredWith("abc");
        // line 1 is the package declaration (no code), 9 ran, 10 and 13 did not
        Map<String, SortedSet<Integer>> changed = Map.of("app/src/main/java/com/example/fixture/Handler.java",
                new TreeSet<>(List.of(1, 9, 10, 13)), "docs/new.txt", new TreeSet<>(List.of(1)));

        LineDiff.Outcome o = LineDiff.measure(changed, bundle);

        assertNull(o.problem());
        assertEquals(1, o.covered());
        assertEquals(3, o.total());
        assertEquals(List.of("app/src/main/java/com/example/fixture/Handler.java:10",
                "app/src/main/java/com/example/fixture/Handler.java:13"), o.uncovered());
    }

    @Test
    void unknownBaseGivesTheReasonAndTheFix() throws Exception {
        LineDiff.Outcome o = LineDiff.check(new LineDiff.Rule("no-such-base-revision", new BigDecimal("0.8"), dir),
                handlerCoveredWith("abc"));

        assertNotNull(o.problem());
        assertEquals(Evidence.Status.FAIL, o.problem().status());
        assertTrue(o.problem().reason().contains("no-such-base-revision"), o.problem().reason());
        assertTrue(o.problem().fix().contains("<changedLines>"), o.problem().fix());
    }

    @Test
    void linesOnlyTheBaseBranchChangedAfterTheForkAreNotTheUsers() throws Exception {
        Path file = Files.createDirectories(dir.resolve("src/main/java/com/example/fixture")).resolve("Handler.java");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(file, text);
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(file, text.toString().replace("line 9\n", "line 9, the user's change\n"));
        git("commit", "-q", "-am", "the user's change to line 9");
        git("checkout", "-q", "main");
        Files.writeString(file, text.toString().replace("line 10\n", "line 10, changed on main later\n"));
        git("commit", "-q", "-am", "someone else's change to line 10, after the fork");
        git("checkout", "-q", "feature");

        LineDiff.Outcome o = LineDiff.check(new LineDiff.Rule("main", new BigDecimal("0.8"), dir),
                handlerCoveredWith("abc"));

        assertNull(o.problem(), () -> o.problem().message());
        assertEquals(1, o.total(), "only line 9 is the user's: " + o.uncovered());
        assertEquals(1, o.covered());
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
                "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    @Test
    void pomFormNeedsBaseAndMinimum() {
        ChangedLines c = new ChangedLines();
        c.setLine("0.8");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> c.toRule(dir));
        assertTrue(e.getMessage().contains("<base>"), e.getMessage());
        c.setBase("origin/main");
        assertEquals(0, new BigDecimal("0.8").compareTo(c.toRule(dir).minimum()));
    }

    private IBundleCoverage handlerCoveredWith(String... inputs) throws Exception {
        Path exec = dir.resolve("jacoco.exec");
        GateTest.exercise(exec, inputs);
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(exec.toFile());
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
        try (InputStream in = Files.newInputStream(Path.of(GateTest.class.getClassLoader()
                .getResource("com/example/fixture/Handler.class").toURI()))) {
            analyzer.analyzeClass(in, "Handler");
        }
        return builder.getBundle("fixture");
    }
}
