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
    public static List<String> summary(GateResult r) {
        List<String> out = new ArrayList<>();
        GateConfig c = r.config;
        if (r.coverageVerdict.status() == Evidence.Status.CHECK && r.bundle != null) {
            StringBuilder b = new StringBuilder("coverage of " + r.module + ":");
            for (Counter counter : Counter.values()) {
                ICounter n = r.bundle.getCounter(counter.entity());
                if (n.getTotalCount() == 0) {
                    continue;
                }
                BigDecimal min = c.module().minimums().get(counter);
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
            out.add("  " + r.classes.size() + (r.classes.size() == 1 ? " class" : " classes") + " checked" + (r.handlers.isEmpty() ? ""
                    : ", " + r.handlers.size() + " Lambda handler" + (r.handlers.size() == 1 ? "" : "s") + " "
                            + r.handlers)
                    + (r.excludedByGlob > 0 ? ", " + r.excludedByGlob + " excluded by pattern" : "")
                    + (r.excludedAsGenerated > 0 ? ", " + r.excludedAsGenerated + " generated left out" : ""));
            if (!r.rulesConfigured) {
                out.add("  no minimums configured: set <coverage><line>0.80</line></coverage> to enforce one.");
            }
            out.add("  coverage: " + (r.shortfalls.isEmpty() ? "PASSED" : "FAILED, " + r.shortfalls.size()
                    + " shortfall" + (r.shortfalls.size() == 1 ? "" : "s")));
        } else {
            out.add("coverage: " + (r.coverageVerdict.status() == Evidence.Status.FAIL ? "FAILED: " : "")
                    + r.coverageVerdict.reason());
        }
        if (r.baselineNote != null) {
            out.add("  " + r.baselineNote);
        }
        for (String note : r.notes) {
            out.add("  " + note);
        }
        if (r.leakVerdict == null) {
            out.add("connection leaks: not checked (<leakCheck>false</leakCheck>).");
        } else if (r.leaks != null) {
            LeakCheck.Result l = r.leaks;
            out.add("connection leaks: " + (l.passed() ? "PASSED, none" : "FAILED, " + l.violations().size())
                    + " in " + l.tests() + " tests and containers over " + l.testJvms() + " test JVM"
                    + (l.testJvms() == 1 ? "" : "s") + " (" + l.userConnections() + " connections from test code, "
                    + l.clientConnections() + " from clients, " + l.poolConnections() + " pool-owned, "
                    + l.infrastructureConnections() + " from test infrastructure)");
            for (LeakCheck.Excepted e : l.excepted()) {
                out.add("  accepted: " + e.violation().test() + " (" + e.exception().describe() + "): "
                        + e.exception().getReason());
            }
            for (LeakException e : l.unused()) {
                out.add("  unused leak exception for " + e.describe() + ": it matched nothing; remove it.");
            }
        } else {
            out.add("connection leaks: " + (r.leakVerdict.status() == Evidence.Status.FAIL ? "FAILED: " : "")
                    + r.leakVerdict.reason());
        }
        if (!r.files.isEmpty()) {
            out.add("reports: " + String.join(", ", r.files));
        }
        return out;
    }

    /** The failure message: a table of every shortfall, the least-covered classes, every leak. */
    public static String failure(GateResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.module.startsWith("reactor ") ? "serverless-mysql:check-aggregate" : "serverless-mysql:check")
                .append(" failed for ").append(r.module).append('.');
        if (r.coverageVerdict.status() == Evidence.Status.FAIL) {
            b.append("\n\nCoverage cannot be trusted: ").append(r.coverageVerdict.message());
        }
        if (!r.shortfalls.isEmpty()) {
            b.append("\n\nCoverage below the minimum (").append(r.shortfalls.size()).append("):\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"element", "counter", "actual", "required", "gap", "rule"});
            for (Shortfall s : r.shortfalls) {
                rows.add(new String[] {s.element(), s.counter().key(), s.actual(), s.requiredText(), s.gap(),
                    s.rule()});
            }
            table(b, rows);
            if (!r.leastCovered.isEmpty()) {
                b.append("Least-covered classes (lines):\n");
                for (IClassCoverage cc : r.leastCovered) {
                    ICounter l = cc.getLineCounter();
                    b.append("  ").append(cc.getName().replace('/', '.')).append(' ')
                            .append(Ratio.describe(l.getCoveredCount(), l.getTotalCount(), null)).append(", ")
                            .append(l.getMissedCount()).append(" missed")
                            .append(cc.getSourceFileName() == null ? "" : " in " + cc.getSourceFileName())
                            .append('\n');
                }
            }
            if (!r.uncoveredChangedLines.isEmpty()) {
                b.append("Changed lines no test ran (").append(r.uncoveredChangedLines.size()).append("):\n");
                r.uncoveredChangedLines.stream().limit(20).forEach(l -> b.append("  ").append(l).append('\n'));
                if (r.uncoveredChangedLines.size() > 20) {
                    b.append("  ... and ").append(r.uncoveredChangedLines.size() - 20).append(" more\n");
                }
            }
            if (r.config.ratchet() && r.shortfalls.stream().anyMatch(s -> s.rule().startsWith("baseline"))) {
                b.append("Coverage fell below the committed baseline ").append(r.config.baselineFile())
                        .append(". Add tests, or if the drop is intended, update it with")
                        .append(" mvn verify serverless-mysql:update-baseline and commit it.\n");
            }
            b.append("Report: ").append(r.config.outputDir().resolve("coverage").resolve("index.html"));
        }
        if (r.leakVerdict != null && r.leakVerdict.status() == Evidence.Status.FAIL) {
            b.append("\n\nConnection-leak check cannot be trusted: ").append(r.leakVerdict.message());
        }
        if (r.leaks != null && !r.leaks.passed()) {
            b.append("\n\nConnection leaks (").append(r.leaks.violations().size()).append("):\n");
            for (LeakViolation v : r.leaks.violations()) {
                b.append(leak(v)).append('\n');
            }
            b.append("Accept a known leak with <leakExceptions><leakException><test>Class#method</test>")
                    .append("<reason>why</reason></leakException></leakExceptions>.");
        }
        return b.toString();
    }

    /** One leak, several lines. */
    public static String leak(LeakViolation v) {
        StringBuilder b = new StringBuilder();
        b.append("  ").append(v.test()).append(": ").append(v.openCount()).append(" connection")
                .append(v.openCount() == 1 ? "" : "s").append(" left open [").append(kind(v.kind())).append("]\n");
        b.append("    opened at ").append(v.opener() == null ? "unknown code" : v.opener().toString())
                .append(" on thread '").append(v.thread()).append("'\n");
        b.append("    ").append(v.detail());
        for (int i = 1; i < v.stack().size(); i++) {
            b.append("\n      from ").append(v.stack().get(i));
        }
        return b.toString();
    }

    static String kind(LeakViolation.Kind k) {
        return switch (k) {
            case LEAKED_CONNECTION -> "connection leaked";
            case HANDLER_CONNECTION_PER_INVOCATION -> "handler opens a connection per invocation";
            case CLIENT_MULTIPLE_CONNECTIONS -> "client holds more than one connection";
        };
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
