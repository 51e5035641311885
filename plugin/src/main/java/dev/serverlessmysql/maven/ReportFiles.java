package dev.serverlessmysql.maven;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.serverlessmysql.leak.LeakViolation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;

/** Writes {@code report.json} and {@code TEST-serverless-mysql.xml} (one failing testcase per violation). */
final class ReportFiles {

    static final String JSON = "report.json";
    static final String JUNIT = "TEST-serverless-mysql.xml";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    private ReportFiles() {
    }

    static void write(GateResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), GSON.toJson(json(r)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JUNIT), junit(r), StandardCharsets.UTF_8);
        r.files.add(dir.resolve(JSON).toString());
        r.files.add(dir.resolve(JUNIT).toString());
    }

    static Map<String, Object> json(GateResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", r.module);
        root.put("passed", !r.failed());
        Map<String, Object> cov = new LinkedHashMap<>();
        cov.put("status", status(r.coverageVerdict, !r.shortfalls.isEmpty()));
        cov.put("reason", r.coverageVerdict.reason());
        cov.put("fix", r.coverageVerdict.fix());
        if (r.bundle != null) {
            Map<String, Object> counters = new LinkedHashMap<>();
            for (Counter c : Counter.values()) {
                ICounter n = r.bundle.getCounter(c.entity());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("covered", n.getCoveredCount());
                m.put("total", n.getTotalCount());
                m.put("ratio", n.getTotalCount() == 0 ? null : Ratio.of(n.getCoveredCount(), n.getTotalCount()));
                BigDecimal min = r.config.module().minimums().get(c);
                m.put("required", min);
                counters.put(c.key(), m);
            }
            cov.put("counters", counters);
            cov.put("classes", r.classes.size());
            cov.put("handlers", new ArrayList<>(r.handlers));
            cov.put("excludedByPattern", r.excludedByGlob);
            cov.put("generatedLeftOut", r.excludedAsGenerated);
        }
        List<Object> shortfalls = new ArrayList<>();
        for (Shortfall s : r.shortfalls) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("element", s.element());
            m.put("counter", s.counter().key());
            m.put("covered", s.covered());
            m.put("total", s.total());
            m.put("actual", s.actual());
            m.put("required", s.required());
            m.put("gap", s.gap());
            m.put("missing", Ratio.missing(s.covered(), s.total(), s.required()));
            m.put("rule", s.rule());
            shortfalls.add(m);
        }
        cov.put("shortfalls", shortfalls);
        List<Object> least = new ArrayList<>();
        for (IClassCoverage cc : r.leastCovered) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", cc.getName().replace('/', '.'));
            m.put("linesCovered", cc.getLineCounter().getCoveredCount());
            m.put("linesTotal", cc.getLineCounter().getTotalCount());
            least.add(m);
        }
        cov.put("leastCovered", least);
        root.put("coverage", cov);

        Map<String, Object> leaks = new LinkedHashMap<>();
        if (r.leakVerdict == null) {
            leaks.put("status", "off");
        } else {
            leaks.put("status", status(r.leakVerdict, r.leaks != null && !r.leaks.passed()));
            leaks.put("reason", r.leakVerdict.reason());
            leaks.put("fix", r.leakVerdict.fix());
            if (r.leaks != null) {
                leaks.put("testJvms", r.leaks.testJvms());
                leaks.put("tests", r.leaks.tests());
                leaks.put("userConnections", r.leaks.userConnections());
                leaks.put("clientConnections", r.leaks.clientConnections());
                leaks.put("poolConnections", r.leaks.poolConnections());
                leaks.put("infrastructureConnections", r.leaks.infrastructureConnections());
                leaks.put("openedOutsideTests", r.leaks.outsideTests());
                List<Object> vs = new ArrayList<>();
                for (LeakViolation v : r.leaks.violations()) {
                    vs.add(violation(v, null));
                }
                leaks.put("violations", vs);
                List<Object> ex = new ArrayList<>();
                for (LeakCheck.Excepted e : r.leaks.excepted()) {
                    ex.add(violation(e.violation(), e.exception()));
                }
                leaks.put("accepted", ex);
            }
        }
        root.put("leaks", leaks);
        return root;
    }

    private static String status(Evidence.Verdict v, boolean findings) {
        return switch (v.status()) {
            case FAIL -> "failed-closed";
            case NOTHING_TO_CHECK -> "nothing-to-check";
            case CHECK -> findings ? "failed" : "passed";
        };
    }

    private static Map<String, Object> violation(LeakViolation v, LeakException accepted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", v.kind().name());
        m.put("test", v.test());
        m.put("testName", v.testName());
        if (v.opener() != null) {
            m.put("openedAt", v.opener().toString());
            m.put("file", v.opener().fileName());
            m.put("line", v.opener().line());
        }
        m.put("thread", v.thread());
        m.put("openCount", v.openCount());
        m.put("detail", v.detail());
        m.put("stack", v.stack());
        if (accepted != null) {
            m.put("acceptedBy", accepted.describe());
            m.put("reason", accepted.getReason());
        }
        return m;
    }

    static String junit(GateResult r) {
        List<String[]> cases = new ArrayList<>(); // classname, name, failure message or null, body
        if (r.coverageVerdict.status() == Evidence.Status.FAIL) {
            cases.add(new String[] {"serverless-mysql.coverage", "execution data", r.coverageVerdict.reason(),
                r.coverageVerdict.message()});
        } else if (r.shortfalls.isEmpty()) {
            cases.add(new String[] {"serverless-mysql.coverage", "coverage of " + r.module, null,
                r.coverageVerdict.reason()});
        }
        for (Shortfall s : r.shortfalls) {
            String msg = s.element() + " " + s.counter().key() + " " + s.actual() + " < " + s.requiredText() + " ("
                    + s.gap() + ", " + s.rule() + ")";
            cases.add(new String[] {"serverless-mysql.coverage", s.element() + " " + s.counter().key(), msg, msg});
        }
        if (r.leakVerdict != null) {
            if (r.leakVerdict.status() == Evidence.Status.FAIL) {
                cases.add(new String[] {"serverless-mysql.leaks", "leak agent", r.leakVerdict.reason(),
                    r.leakVerdict.message()});
            } else if (r.leaks == null || r.leaks.passed()) {
                cases.add(new String[] {"serverless-mysql.leaks", "connection leaks in " + r.module, null,
                    r.leakVerdict.reason()});
            }
            if (r.leaks != null) {
                for (LeakViolation v : r.leaks.violations()) {
                    String msg = v.openCount() + " connection(s) left open, opened at "
                            + (v.opener() == null ? "unknown code" : v.opener().toString()) + " on thread '"
                            + v.thread() + "'";
                    cases.add(new String[] {v.testClass(),
                        (v.testMethod() == null ? "[class]" : v.testMethod()) + " [" + Messages.kind(v.kind()) + "]",
                        msg, Messages.leak(v)});
                }
            }
        }
        long failures = cases.stream().filter(c -> c[2] != null).count();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"serverless-mysql.").append(xml(r.module)).append("\" tests=\"")
                .append(cases.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
        for (String[] c : cases) {
            b.append("  <testcase classname=\"").append(xml(c[0])).append("\" name=\"").append(xml(c[1]))
                    .append("\" time=\"0\"");
            if (c[2] == null) {
                b.append("/>\n");
            } else {
                b.append(">\n    <failure type=\"serverless-mysql\" message=\"").append(xml(c[2])).append("\">")
                        .append(xml(c[3])).append("</failure>\n  </testcase>\n");
            }
        }
        b.append("</testsuite>\n");
        return b.toString();
    }

    static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
