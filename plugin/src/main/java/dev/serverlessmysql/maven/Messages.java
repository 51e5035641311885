package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.LeakViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;

/** The console summary and the failure message. The failure message carries every number, never "see the log". */
final class Messages {

    private Messages() {
    }

    /** Lines for the console after a check, passing or not. */
    static List<String> summary(GateReport r) {
        List<String> out = new ArrayList<>();
        CoverageOutcome c = r.coverage();
        if (c.bundle() != null) {
            StringBuilder b = new StringBuilder("coverage of " + r.module() + ":");
            for (Counter counter : Counter.values()) {
                ICounter n = c.bundle().getCounter(counter.entity());
                if (n.getTotalCount() == 0) {
                    continue;
                }
                BigDecimal min = c.minimums().minimums().get(counter);
                b.append(' ').append(counter.key()).append(' ')
                        .append(Ratio.describe(n.getCoveredCount(), n.getTotalCount(), min));
                if (min != null) {
                    b.append(Ratio.meets(n.getCoveredCount(), n.getTotalCount(), min) ? " >= " : " < ")
                            .append(Ratio.percent(min));
                }
                b.append(',');
            }
            b.setLength(b.length() - 1);
            out.add(b.toString());
            out.add("  " + c.classes().size() + (c.classes().size() == 1 ? " class" : " classes") + " checked"
                    + (c.handlers().isEmpty() ? "" : ", " + c.handlers().size() + " Lambda handler"
                            + (c.handlers().size() == 1 ? "" : "s") + " " + new java.util.TreeSet<>(c.handlers()))
                    + (c.excludedByGlob() > 0 ? ", " + c.excludedByGlob() + " excluded by pattern" : "")
                    + (c.excludedAsGenerated() > 0 ? ", " + c.excludedAsGenerated() + " generated left out" : ""));
            if (!c.rulesConfigured()) {
                out.add("  no minimums configured: set <coverage><line>0.80</line></coverage> to enforce one.");
            }
            out.add("  coverage: " + (c.failed() ? "FAILED" + (c.shortfalls().isEmpty() ? ""
                    : ", " + c.shortfalls().size() + " shortfall" + (c.shortfalls().size() == 1 ? "" : "s"))
                    : "PASSED"));
        } else {
            out.add("coverage: " + (c.verdict().status() == Evidence.Status.FAIL ? "FAILED: " : "")
                    + c.verdict().reason());
        }
        if (c.baselineNote() != null) {
            out.add("  " + c.baselineNote());
        }
        for (String note : c.notes()) {
            out.add("  " + note);
        }
        LeakOutcome l = r.leaks();
        if (l.verdict() == null) {
            out.add("connection leaks: " + l.notChecked());
        } else if (l.result() != null) {
            LeakCheck.Result x = l.result();
            out.add("connection leaks: " + (x.passed() ? "PASSED, none" : "FAILED, " + x.violations().size())
                    + " in " + x.tests() + " test" + (x.tests() == 1 ? "" : "s") + " over " + x.testJvms() + " test JVM"
                    + (x.testJvms() == 1 ? "" : "s") + " (" + x.mainConnections() + " connection"
                    + (x.mainConnections() == 1 ? "" : "s") + " from main code, "
                    + x.userConnections() + " from test code, " + x.clientConnections() + " from clients, "
                    + x.poolConnections() + " from pools, "
                    + x.infrastructureConnections() + " from test infrastructure; " + x.borrows()
                    + " borrowed by the project's code)");
            for (LeakCheck.Excepted e : x.excepted()) {
                out.add("  accepted: " + e.violation().test() + " (" + e.exception().describe() + "): "
                        + e.exception().getReason());
            }
            for (LeakException e : x.unused()) {
                out.add("  unused leak exception for " + e.describe() + ": it matched nothing; remove it.");
            }
        } else {
            out.add("connection leaks: " + (l.verdict().status() == Evidence.Status.FAIL ? "FAILED: " : "")
                    + l.verdict().reason());
        }
        for (String note : l.notes()) {
            out.add("  " + note);
        }
        if (!r.files().isEmpty()) {
            out.add("reports: " + String.join(", ", r.files()));
        }
        return out;
    }

    /** The failure message: a table of every shortfall, the least-covered classes, every leak. */
    static String failure(GateReport r) {
        StringBuilder b = new StringBuilder();
        CoverageOutcome c = r.coverage();
        b.append("serverless-mysql:").append(r.goal()).append(" failed for ").append(r.module()).append('.');
        if (c.verdict().status() == Evidence.Status.FAIL) {
            b.append("\n\nCoverage cannot be trusted: ").append(c.verdict().message());
        }
        if (!c.shortfalls().isEmpty()) {
            b.append("\n\nCoverage below the minimum (").append(c.shortfalls().size()).append("):\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"element", "counter", "actual", "required", "gap", "rule"});
            for (Shortfall s : c.shortfalls()) {
                rows.add(new String[] {s.element(), s.counter().key(), s.actual(), s.requiredText(), s.gap(),
                    s.rule()});
            }
            table(b, rows);
            if (!c.leastCovered().isEmpty()) {
                b.append("Least-covered classes (lines):\n");
                for (IClassCoverage cc : c.leastCovered()) {
                    ICounter l = cc.getLineCounter();
                    b.append("  ").append(cc.getName().replace('/', '.')).append(' ')
                            .append(Ratio.describe(l.getCoveredCount(), l.getTotalCount(), null)).append(", ")
                            .append(l.getMissedCount()).append(" missed")
                            .append(cc.getSourceFileName() == null ? "" : " in " + cc.getSourceFileName())
                            .append('\n');
                }
            }
            if (!c.uncoveredChangedLines().isEmpty()) {
                b.append("Changed lines no test ran (").append(c.uncoveredChangedLines().size()).append("):\n");
                c.uncoveredChangedLines().stream().limit(20).forEach(l -> b.append("  ").append(l).append('\n'));
                if (c.uncoveredChangedLines().size() > 20) {
                    b.append("  ... and ").append(c.uncoveredChangedLines().size() - 20).append(" more\n");
                }
            }
            if (c.baselineFile() != null && c.shortfalls().stream().anyMatch(s -> s.rule().startsWith("baseline"))) {
                b.append("Coverage fell below the committed baseline ").append(c.baselineFile())
                        .append(". Add tests, or if the drop is intended, update it with")
                        .append(" mvn verify serverless-mysql:update-baseline and commit it.\n");
            }
            b.append("Report: ").append(r.layout().coverageHtml().resolve("index.html"));
        }
        LeakOutcome l = r.leaks();
        if (l.verdict() != null && l.verdict().status() == Evidence.Status.FAIL) {
            b.append("\n\nConnection-leak check cannot be trusted: ").append(l.verdict().message());
        }
        if (l.result() != null && !l.result().passed()) {
            b.append("\n\nConnection leaks (").append(l.result().violations().size()).append("):\n");
            for (LeakViolation v : l.result().violations()) {
                b.append(LeakWording.leak(v)).append('\n');
            }
            b.append("Accept a known leak with <leakExceptions><leakException><test>Class#method</test>")
                    .append("<reason>why</reason></leakException></leakExceptions>.");
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            b.append("  ");
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]);
                if (i < row.length - 1) {
                    b.append(" ".repeat(w[i] - row[i].length() + 2));
                }
            }
            b.append('\n');
        }
    }
}
