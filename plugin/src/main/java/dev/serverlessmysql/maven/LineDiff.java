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

    /** What one git command printed. */
    private record Git(int exit, String out, String err, Outcome problem) {
    }

    /**
     * Diffs the work tree against the merge base of {@code base} and HEAD ({@code git merge-base}, then
     * {@code git diff --unified=0}), so that lines only the base branch changed since the fork are not counted as
     * the user's, and measures the changed lines against the bundle.
     */
    static Outcome check(Rule rule, IBundleCoverage bundle) {
        Git mergeBase = git(rule, "merge-base", rule.base(), "HEAD");
        if (mergeBase.problem() != null) {
            return mergeBase.problem();
        }
        if (mergeBase.exit() != 0) {
            return failed("git merge-base " + rule.base() + " HEAD failed in " + rule.workDir() + " (exit "
                    + mergeBase.exit() + "): " + mergeBase.err() + ". Changed-lines coverage needs a git work tree in"
                    + " which the base '" + rule.base() + "' exists and shares history with HEAD.",
                    "fetch the base first (a shallow CI checkout lacks it: git fetch --unshallow, or git fetch origin"
                    + " main), or set <changedLines><base> (or -DserverlessMysql.changedLines.base) to a revision that"
                    + " exists.");
        }
        String fork = mergeBase.out().trim();
        Git diff = git(rule, "diff", "--unified=0", "--no-color", "--no-ext-diff", fork, "--");
        if (diff.problem() != null) {
            return diff.problem();
        }
        if (diff.exit() != 0) {
            return failed("git diff --unified=0 " + fork + " failed in " + rule.workDir() + " (exit " + diff.exit()
                    + "): " + diff.err() + ".", "run it by hand in " + rule.workDir() + " to see why, or remove"
                    + " <changedLines>.");
        }
        return measure(parse(diff.out()), bundle);
    }

    private static Git git(Rule rule, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        String shown = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(rule.workDir().toFile()).start();
        } catch (IOException e) {
            return new Git(-1, "", "", failed("Changed-lines coverage needs git, and it could not be started in "
                    + rule.workDir() + ": " + e.getMessage() + ".",
                    "install git and put it on the PATH, or remove <changedLines>."));
        }
        try {
            p.getOutputStream().close();
            String out;
            String err;
            try (InputStream in = p.getInputStream(); InputStream es = p.getErrorStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                err = new String(es.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Git(-1, "", "", failed(shown + " did not finish within 60 s.",
                        "check the repository in " + rule.workDir() + ", or remove <changedLines>."));
            }
            return new Git(p.exitValue(), out, err, null);
        } catch (IOException e) {
            return new Git(-1, "", "", failed(shown + " could not be read: " + e.getMessage() + ".",
                    "run it by hand in " + rule.workDir() + " to see why, or remove <changedLines>."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Git(-1, "", "", failed("interrupted while waiting for " + shown + ".", "run the build again."));
        }
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
