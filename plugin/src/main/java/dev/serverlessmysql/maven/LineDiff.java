package dev.serverlessmysql.maven;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.IPackageCoverage;
import org.jacoco.core.analysis.ISourceFileCoverage;

/** The lines added or changed since a git base ({@code git diff --unified=0}), and how many of them are covered. */
final class LineDiff {

    /**
     * The changed-lines rule.
     *
     * @param base the git revision to diff against
     * @param minimum the minimum ratio of covered changed lines
     * @param workDir where git runs
     */
    record Rule(String base, BigDecimal minimum, Path workDir) {
    }

    /**
     * What the diff found, or why there is no diff.
     *
     * @param covered changed lines of code that tests ran
     * @param total changed lines of code (blank lines, comments and declarations without code do not count)
     * @param uncovered {@code path:line} of every changed line of code that no test ran
     * @param problem why git gave no diff, or {@code null}
     */
    record Outcome(long covered, long total, List<String> uncovered, Evidence.Verdict problem) {
    }

    private static final Pattern FILE = Pattern.compile("^\\+\\+\\+ (?:b/)?(.*)$");
    private static final Pattern HUNK = Pattern.compile("^@@ -\\S+ \\+(\\d+)(?:,(\\d+))? @@.*$");

    private LineDiff() {
    }

    /** Added or changed line numbers per file path of a unified diff; deleted files have none. */
    static Map<String, SortedSet<Integer>> parse(String diff) {
        Map<String, SortedSet<Integer>> out = new LinkedHashMap<>();
        SortedSet<Integer> current = null;
        for (String line : diff.split("\n")) {
            Matcher f = FILE.matcher(line);
            if (f.matches()) {
                String path = f.group(1).trim();
                current = path.equals("/dev/null") ? null : out.computeIfAbsent(path, p -> new TreeSet<>());
                continue;
            }
            Matcher h = HUNK.matcher(line);
            if (h.matches() && current != null) {
                int start = Integer.parseInt(h.group(1));
                int count = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
                for (int i = 0; i < count; i++) {
                    current.add(start + i);
                }
            }
        }
        return out;
    }

    /** Runs {@code git diff --unified=0 <base>} and measures the changed lines against the bundle. */
    static Outcome check(Rule rule, IBundleCoverage bundle) {
        Process p;
        try {
            p = new ProcessBuilder("git", "diff", "--unified=0", "--no-color", "--no-ext-diff", rule.base(), "--")
                    .directory(rule.workDir().toFile()).start();
        } catch (IOException e) {
            return failed("Changed-lines coverage needs git, and it could not be started in " + rule.workDir() + ": "
                    + e.getMessage() + ".", "install git and put it on the PATH, or remove <changedLines>.");
        }
        String out;
        String err;
        try {
            p.getOutputStream().close();
            try (InputStream in = p.getInputStream(); InputStream es = p.getErrorStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                err = new String(es.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed("git diff --unified=0 " + rule.base() + " did not finish within 60 s.",
                        "check the repository in " + rule.workDir() + ", or remove <changedLines>.");
            }
        } catch (IOException e) {
            return failed("git diff --unified=0 " + rule.base() + " could not be read: " + e.getMessage() + ".",
                    "run it by hand in " + rule.workDir() + " to see why, or remove <changedLines>.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while waiting for git diff.", "run the build again.");
        }
        if (p.exitValue() != 0) {
            return failed("git diff --unified=0 " + rule.base() + " failed in " + rule.workDir() + " (exit "
                    + p.exitValue() + "): " + err + ". Changed-lines coverage needs a git work tree in which the base '"
                    + rule.base() + "' exists.",
                    "fetch the base first (a shallow CI checkout lacks it, e.g. git fetch origin main), or set"
                    + " <changedLines><base> (or -DserverlessMysql.changedLines.base) to a revision that exists.");
        }
        return measure(parse(out), bundle);
    }

    private static Outcome failed(String reason, String fix) {
        return new Outcome(0, 0, List.of(), Evidence.Verdict.fail(reason, fix));
    }

    /** Changed lines of code per source file of the bundle, matched by path suffix ({@code com/example/Foo.java}). */
    static Outcome measure(Map<String, SortedSet<Integer>> changed, IBundleCoverage bundle) {
        long covered = 0;
        long total = 0;
        List<String> uncovered = new ArrayList<>();
        for (IPackageCoverage pkg : bundle.getPackages()) {
            for (ISourceFileCoverage sf : pkg.getSourceFiles()) {
                String suffix = (pkg.getName().isEmpty() ? "" : pkg.getName() + "/") + sf.getName();
                for (Map.Entry<String, SortedSet<Integer>> e : changed.entrySet()) {
                    if (!e.getKey().equals(suffix) && !e.getKey().endsWith("/" + suffix)) {
                        continue;
                    }
                    for (int n : e.getValue()) {
                        int status = sf.getLine(n).getStatus();
                        if (status == ICounter.EMPTY) {
                            continue;
                        }
                        total++;
                        if (status == ICounter.NOT_COVERED) {
                            uncovered.add(e.getKey() + ":" + n);
                        } else {
                            covered++;
                        }
                    }
                }
            }
        }
        return new Outcome(covered, total, uncovered, null);
    }
}
