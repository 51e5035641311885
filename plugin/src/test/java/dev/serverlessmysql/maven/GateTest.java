package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the gate on real JaCoCo data: the fixture classes are instrumented and exercised in memory. */
class GateTest {

    static final String[] FIXTURES = {"Handler", "BaseHandler", "SubHandler", "Service"};

    @TempDir
    Path dir;

    Path classes;
    Path out;
    Path exec;

    @BeforeEach
    void copyFixtures() throws IOException {
        classes = dir.resolve("classes");
        out = dir.resolve("serverless-mysql");
        exec = out.resolve("jacoco.exec");
        Path pkg = Files.createDirectories(classes.resolve("com/example/fixture"));
        for (String f : FIXTURES) {
            Files.write(pkg.resolve(f + ".class"), bytes("com/example/fixture/" + f + ".class"));
        }
        Files.createDirectories(out);
    }

    static byte[] bytes(String resource) throws IOException {
        try (InputStream in = GateTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** Instruments the fixtures, calls Handler.handleRequest(input) for each input, writes the exec file. */
    private void runTests(String... inputs) throws Exception {
        exercise(exec, inputs);
        testsRanAndPrepared();
    }

    /** Writes to {@code execFile} the real execution data of Handler.handleRequest(input) for each input. */
    static void exercise(Path execFile, String... inputs) throws Exception {
        RuntimeData data = new RuntimeData();
        LoggerRuntime runtime = new LoggerRuntime();
        runtime.startup(data);
        Instrumenter instrumenter = new Instrumenter(runtime);
        Map<String, byte[]> instrumented = new HashMap<>();
        for (String f : FIXTURES) {
            String name = "com.example.fixture." + f;
            instrumented.put(name, instrumenter.instrument(bytes("com/example/fixture/" + f + ".class"), name));
        }
        ClassLoader loader = new ClassLoader(GateTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                byte[] b = instrumented.get(name);
                if (b == null) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, b, 0, b.length);
                }
            }
        };
        Class<?> handler = loader.loadClass("com.example.fixture.Handler");
        Object h = handler.getDeclaredConstructor().newInstance();
        for (String in : inputs) {
            handler.getMethod("handleRequest", String.class, Object.class).invoke(h, in, null);
        }
        ExecutionDataStore store = new ExecutionDataStore();
        SessionInfoStore sessions = new SessionInfoStore();
        data.collect(store, sessions, false);
        runtime.shutdown();
        write(execFile, store, sessions);
    }

    private static void write(Path execFile, ExecutionDataStore store, SessionInfoStore sessions)
            throws IOException {
        Files.createDirectories(execFile.getParent());
        try (OutputStream o = Files.newOutputStream(execFile)) {
            ExecutionDataWriter w = new ExecutionDataWriter(o);
            sessions.accept(w);
            store.accept(w);
        }
    }

    private void testsRanAndPrepared() throws IOException {
        Properties p = new Properties();
        p.setProperty("time", Long.toString(System.currentTimeMillis() - 5000));
        try (OutputStream o = Files.newOutputStream(out.resolve("prepare.properties"))) {
            p.store(o, null);
        }
        Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
        Files.writeString(reports.resolve("TEST-com.example.fixture.HandlerTest.xml"), "<testsuite/>");
    }

    private GateReport run(Thresholds module, Thresholds perClass, Thresholds handlers, CoverageStep.Ratchet ratchet,
            List<String> excludes, List<Path> generated) throws IOException {
        return Checks.check("check", Checks.input("fixture", classes, exec, excludes, generated), new GateLayout(out),
                List.of(dir.resolve("surefire-reports")), module, perClass, handlers, ratchet);
    }

    private GateReport run(Thresholds module, Thresholds handlers) throws IOException {
        return run(module, Thresholds.none(), handlers, CoverageStep.Ratchet.OFF, List.of(), List.of());
    }

    private CoverageStep.Analysis analysis() throws IOException {
        return CoverageStep.analyse(Checks.input("fixture", classes, exec, List.of(), List.of()), true, true,
                "argLine");
    }

    @Test
    void handlerLimitsFailTheHandlerAndTheMessageHoldsTheTable() throws Exception {
        runTests("abc");
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.3", "c"),
                new Thresholds().set(Counter.LINE, "0.95", "h").set(Counter.BRANCH, "0.9", "h"));

        assertEquals(Evidence.Status.CHECK, r.coverage().verdict().status());
        assertEquals(Set.of("com.example.fixture.Handler", "com.example.fixture.BaseHandler",
                "com.example.fixture.SubHandler"), r.coverage().handlers());
        Set<String> failing = r.coverage().shortfalls().stream().map(s -> s.element() + " " + s.counter().key())
                .collect(Collectors.toSet());
        assertTrue(failing.contains("handler com.example.fixture.Handler line"), failing.toString());
        assertTrue(failing.contains("handler com.example.fixture.Handler branch"), failing.toString());
        assertTrue(failing.contains("handler com.example.fixture.SubHandler line"), failing.toString());
        assertFalse(failing.stream().anyMatch(f -> f.startsWith("module")), failing.toString());
        assertTrue(r.failed());

        String message = Messages.failure(r);
        assertTrue(message.contains("element"), message);
        assertTrue(message.matches("(?s).*handler com\\.example\\.fixture\\.Handler\\s+branch\\s+50\\.00% \\(2/4\\)"
                + "\\s+90%\\s+-40\\.00 pp, 2 branches more\\s+<handlers>.*"), message);
        assertTrue(message.contains("Least-covered classes"), message);

        assertTrue(Files.isRegularFile(out.resolve("coverage/index.html")));
        assertTrue(Files.readString(out.resolve("coverage.xml")).contains("com/example/fixture/Handler"));
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"passed\": false"));
        String junit = Files.readString(out.resolve("TEST-serverless-mysql.xml"));
        assertTrue(junit.contains("name=\"handler com.example.fixture.Handler branch\""), junit);
    }

    @Test
    void aCoverageReportThatCannotBeWrittenFailsTheCheckWithTheCause() throws Exception {
        runTests("abc");
        // a folder where the XML report goes: the report thread cannot write it
        Files.createDirectories(out.resolve("coverage.xml").resolve("in-the-way"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> run(new Thresholds().set(Counter.LINE, "0.3", "c"), Thresholds.none()));
        assertTrue(e.getMessage().contains("coverage.xml"), e.getMessage());
    }

    @Test
    void passesWhenEveryMinimumIsMet() throws Exception {
        runTests("abc", "", null);
        GateReport r = run(new Thresholds().set(Counter.BRANCH, "1", "c"), Thresholds.none());
        assertEquals(List.of(), r.coverage().shortfalls());
        assertFalse(r.failed());
        assertTrue(Messages.summary(r).get(0).contains("branch 100.00% (4/4) >= 100%"), Messages.summary(r).get(0));
    }

    @Test
    void excludesAndGeneratedCodeAreLeftOutOfBothReportAndCheck() throws Exception {
        runTests("abc");
        Path gen = Files.createDirectories(dir.resolve("generated-sources/annotations/com/example/fixture"));
        Files.writeString(gen.resolve("Service.java"), "// generated");
        GateReport r = run(Thresholds.none(), Thresholds.none(), Thresholds.none(), CoverageStep.Ratchet.OFF,
                List.of("**.SubHandler"), List.of(dir.resolve("generated-sources")));
        Set<String> names = r.coverage().classes().stream().map(c -> c.getName()).collect(Collectors.toSet());
        assertEquals(Set.of("com/example/fixture/Handler", "com/example/fixture/BaseHandler"), names);
        assertEquals(1, r.coverage().excludedByGlob());
        assertEquals(1, r.coverage().excludedAsGenerated());
        assertFalse(Files.readString(out.resolve("coverage.xml")).contains("Service"));
    }

    @Test
    void execDataForOtherClassesFailsClosed() throws Exception {
        ExecutionDataStore store = new ExecutionDataStore();
        store.put(new ExecutionData(42L, "org/other/Thing", new boolean[] {true}));
        write(exec, store, new SessionInfoStore());
        testsRanAndPrepared();
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.1", "c"), Thresholds.none());
        assertEquals(Evidence.Status.FAIL, r.coverage().verdict().status());
        assertTrue(Messages.failure(r).contains("matches none of the 4 classes"), Messages.failure(r));
    }

    @Test
    void testsWithoutExecDataFailClosed() throws Exception {
        testsRanAndPrepared();
        GateReport r = run(Thresholds.none(), Thresholds.none());
        assertEquals(Evidence.Status.FAIL, r.coverage().verdict().status());
        assertTrue(r.failed());
    }

    @Test
    void noTestsPassesAndSaysSo() throws Exception {
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.9", "c"), Thresholds.none());
        assertEquals(Evidence.Status.NOTHING_TO_CHECK, r.coverage().verdict().status());
        assertFalse(r.failed());
        assertTrue(Messages.summary(r).get(0).contains("no tests ran"));
    }

    @Test
    void ratchetComparesWithTheBaselineAndTheUpdateWritesIt() throws Exception {
        runTests("abc", "", null);
        CoverageStep.Analysis a = analysis();
        Baseline.of(a.data().bundle(), a.data().classes()).write(dir.resolve("baseline.properties"));
        String written = Files.readString(dir.resolve("baseline.properties"));
        assertTrue(written.contains("module.branch=4/4"), written);
        assertTrue(written.contains("class.com.example.fixture.Handler.line="), written);

        CoverageStep.Ratchet ratchet = CoverageStep.Ratchet.read(dir.resolve("baseline.properties"));
        assertEquals(List.of(), run(Thresholds.none(), Thresholds.none(), Thresholds.none(), ratchet, List.of(),
                List.of()).coverage().shortfalls());

        runTests("abc");
        GateReport dropped = run(Thresholds.none(), Thresholds.none(), Thresholds.none(), ratchet, List.of(),
                List.of());
        assertTrue(dropped.coverage().shortfalls().stream().anyMatch(s -> s.element().equals("module fixture")
                && s.counter() == Counter.BRANCH && s.rule().equals("baseline 4/4")
                && s.required().compareTo(BigDecimal.ONE) == 0), dropped.coverage().shortfalls().toString());
        assertTrue(Messages.failure(dropped).contains("serverless-mysql:update-baseline"));
    }

    @Test
    void ratchetWithoutBaselineFailsWithTheFix() throws Exception {
        runTests("abc");
        GateReport r = run(Thresholds.none(), Thresholds.none(), Thresholds.none(),
                CoverageStep.Ratchet.read(dir.resolve("baseline.properties")), List.of(), List.of());
        assertEquals(Evidence.Status.FAIL, r.coverage().verdict().status());
        assertTrue(r.coverage().verdict().fix().contains("update-baseline"));
    }
}
