package dev.serverlessmysql.maven;

import com.google.gson.stream.JsonWriter;
import dev.serverlessmysql.leak.LeakViolation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;

/**
 * Writes {@code report.json} and the JUnit XML of the verdicts (one failing testcase per violation), the latter
 * with the JDK's XML writer, where CI tools look for test reports: beside surefire's own.
 */
final class ReportFiles {

    private ReportFiles() {
    }

    /** The files {@link #write} writes, in the order the summary lists them. */
    static List<String> files(GateLayout layout, Path junitDir, String junitName) {
        return List.of(layout.reportJson().toString(), junitDir.resolve(junitName).toString());
    }

    static void write(GateReport r, Path junitDir, String junitName) throws IOException {
        Files.createDirectories(r.layout().dir());
        StringWriter text = new StringWriter();
        json(json(r), text);
        text.write('\n');
        Files.writeString(r.layout().reportJson(), text.toString(), StandardCharsets.UTF_8);
        Files.createDirectories(junitDir);
        try (OutputStream o = Files.newOutputStream(junitDir.resolve(junitName))) {
            junit(r, o);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + junitDir.resolve(junitName) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a tree of maps, lists, strings, numbers, booleans and nulls as pretty-printed JSON with Gson's
     * streaming writer: the same text as Gson's object binding with pretty printing, nulls kept and no HTML
     * escaping, without loading the binding's hundred-odd adapter classes into every build.
     */
    static void json(Object tree, Writer out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.setIndent("  ");
        w.setSerializeNulls(true);
        w.setHtmlSafe(false);
        value(w, tree);
        w.flush();
    }

    private static void value(JsonWriter w, Object v) throws IOException {
        if (v == null) {
            w.nullValue();
        } else if (v instanceof String s) {
            w.value(s);
        } else if (v instanceof Boolean b) {
            w.value(b.booleanValue());
        } else if (v instanceof Number n) {
            w.value(n);
        } else if (v instanceof Map<?, ?> m) {
            w.beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                w.name((String) e.getKey());
                value(w, e.getValue());
            }
            w.endObject();
        } else if (v instanceof List<?> l) {
            w.beginArray();
            for (Object x : l) {
                value(w, x);
            }
            w.endArray();
        } else {
            throw new IllegalArgumentException("report.json has no form for a " + v.getClass().getName());
        }
    }

    static Map<String, Object> json(GateReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        CoverageOutcome c = r.coverage();
        root.put("module", r.module());
        root.put("passed", !r.failed());
        Map<String, Object> cov = new LinkedHashMap<>();
        cov.put("status", status(c.verdict(), !c.shortfalls().isEmpty()));
        cov.put("reason", c.verdict().reason());
        cov.put("fix", c.verdict().fix());
        if (c.bundle() != null) {
            Map<String, Object> counters = new LinkedHashMap<>();
            for (Counter k : Counter.values()) {
                ICounter n = c.bundle().getCounter(k.entity());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("covered", n.getCoveredCount());
                m.put("total", n.getTotalCount());
                m.put("ratio", n.getTotalCount() == 0 ? null : Ratio.of(n.getCoveredCount(), n.getTotalCount()));
                BigDecimal min = c.minimums().minimums().get(k);
                m.put("required", min);
                counters.put(k.key(), m);
            }
            cov.put("counters", counters);
            cov.put("classes", c.classes().size());
            cov.put("handlers", new ArrayList<>(new java.util.TreeSet<>(c.handlers())));
            cov.put("excludedByPattern", c.excludedByGlob());
            cov.put("generatedLeftOut", c.excludedAsGenerated());
        }
        List<Object> shortfalls = new ArrayList<>();
        for (Shortfall s : c.shortfalls()) {
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
        for (IClassCoverage cc : c.leastCovered()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", cc.getName().replace('/', '.'));
            m.put("linesCovered", cc.getLineCounter().getCoveredCount());
            m.put("linesTotal", cc.getLineCounter().getTotalCount());
            least.add(m);
        }
        cov.put("leastCovered", least);
        root.put("coverage", cov);

        Map<String, Object> leaks = new LinkedHashMap<>();
        LeakOutcome l = r.leaks();
        if (l.verdict() == null) {
            leaks.put("status", "not-checked");
            leaks.put("reason", l.notChecked());
        } else {
            leaks.put("status", status(l.verdict(), l.result() != null && !l.result().passed()));
            leaks.put("reason", l.verdict().reason());
            leaks.put("fix", l.verdict().fix());
            if (l.result() != null) {
                LeakCheck.Result x = l.result();
                leaks.put("testJvms", x.testJvms());
                leaks.put("tests", x.tests());
                leaks.put("borrows", x.borrows());
                leaks.put("userConnections", x.userConnections());
                leaks.put("mainConnections", x.mainConnections());
                leaks.put("clientConnections", x.clientConnections());
                leaks.put("poolConnections", x.poolConnections());
                leaks.put("infrastructureConnections", x.infrastructureConnections());
                leaks.put("openedOutsideTests", x.outsideTests());
                List<Object> vs = new ArrayList<>();
                for (LeakViolation v : x.violations()) {
                    vs.add(violation(v, null));
                }
                leaks.put("violations", vs);
                List<Object> ex = new ArrayList<>();
                for (LeakCheck.Excepted e : x.excepted()) {
                    ex.add(violation(e.violation(), e.exception()));
                }
                leaks.put("accepted", ex);
            }
        }
        leaks.put("notes", l.notes());
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
        if (v.caller() != null) {
            m.put("calledFrom", v.caller().toString());
        }
        m.put("thread", v.thread());
        m.put("openCount", v.openCount());
        m.put("handler", v.handler());
        if (v.owner() != null) {
            m.put("owner", v.owner());
            m.put("builtAt", v.builtAt() == null ? null : v.builtAt().toString());
            m.put("size", v.size() < 0 ? null : v.size());
            m.put("instances", v.instances());
        }
        m.put("detail", LeakWording.detail(v));
        if (accepted != null) {
            m.put("acceptedBy", accepted.describe());
            m.put("reason", accepted.getReason());
        }
        return m;
    }

    /** One testcase, passing when {@code failure} is null. */
    private record Case(String className, String name, String failure, String body) {
    }

    static void junit(GateReport r, OutputStream out) throws XMLStreamException {
        List<Case> cases = new ArrayList<>();
        CoverageOutcome c = r.coverage();
        if (c.verdict().status() == Evidence.Status.FAIL) {
            cases.add(new Case("serverless-mysql.coverage", "execution data", c.verdict().reason(),
                    c.verdict().message()));
        } else if (c.shortfalls().isEmpty()) {
            cases.add(new Case("serverless-mysql.coverage", "coverage of " + r.module(), null, null));
        }
        for (Shortfall s : c.shortfalls()) {
            String msg = s.element() + " " + s.counter().key() + " " + s.actual() + " < " + s.requiredText() + " ("
                    + s.gap() + ", " + s.rule() + ")";
            cases.add(new Case("serverless-mysql.coverage", s.element() + " " + s.counter().key(), msg, msg));
        }
        LeakOutcome l = r.leaks();
        if (l.verdict() != null) {
            if (l.verdict().status() == Evidence.Status.FAIL) {
                cases.add(new Case("serverless-mysql.leaks", "leak agent", l.verdict().reason(),
                        l.verdict().message()));
            } else if (l.result() == null || l.result().passed()) {
                cases.add(new Case("serverless-mysql.leaks", "connection leaks in " + r.module(), null, null));
            }
            if (l.result() != null) {
                for (LeakViolation v : l.result().violations()) {
                    cases.add(new Case(v.testClass(), (v.testMethod() == null ? "[class]" : v.testMethod()) + " ["
                            + LeakWording.kind(v.kind()) + "]", LeakWording.headline(v) + ", "
                            + LeakWording.where(v), LeakWording.leak(v)));
                }
            }
        }
        long failures = 0;
        for (Case x : cases) {
            failures += x.failure() != null ? 1 : 0;
        }
        // the JDK's own writer: newFactory() would first search the plugin's class path for another
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "serverless-mysql." + r.module());
        w.writeAttribute("tests", Integer.toString(cases.size()));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", "0");
        w.writeAttribute("time", "0");
        for (Case x : cases) {
            w.writeCharacters("\n  ");
            if (x.failure() == null) {
                w.writeEmptyElement("testcase");
            } else {
                w.writeStartElement("testcase");
            }
            w.writeAttribute("classname", clean(x.className()));
            w.writeAttribute("name", clean(x.name()));
            w.writeAttribute("time", "0");
            if (x.failure() != null) {
                w.writeCharacters("\n    ");
                w.writeStartElement("failure");
                w.writeAttribute("type", "serverless-mysql");
                w.writeAttribute("message", clean(x.failure()));
                w.writeCharacters(clean(x.body()));
                w.writeEndElement();
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
        }
        w.writeCharacters("\n");
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
        w.close();
    }

    /** XML 1.0 cannot hold most control characters, escaped or not. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' ? '?' : ch);
        }
        return b.toString();
    }
}
