package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.jacoco.core.analysis.IClassCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reactor-wide check on real JaCoCo data: module {@code api} holds the handler and its tests, module
 * {@code lib} holds the service and a handler base class and has no tests, as in a reactor where one module's tests cover another's code.
 */
class ReactorCheckTest {

    @TempDir
    Path dir;

    ReactorCheck.Module api;
    ReactorCheck.Module lib;

    @BeforeEach
    void twoModules() throws IOException {
        api = module("api", "Handler", "SubHandler");
        lib = module("lib", "Service", "BaseHandler");
    }

    private ReactorCheck.Module module(String name, String... classes) throws IOException {
        Path target = dir.resolve(name).resolve("target");
        Path pkg = Files.createDirectories(target.resolve("classes/com/example/fixture"));
        for (String c : classes) {
            Files.write(pkg.resolve(c + ".class"), GateTest.bytes("com/example/fixture/" + c + ".class"));
        }
        return new ReactorCheck.Module(name, target, target.resolve("classes"), List.of());
    }

    private void testsRanIn(ReactorCheck.Module m, String... inputs) throws Exception {
        GateTest.exercise(m.dataFile(), inputs);
        Properties p = new Properties();
        p.setProperty("time", Long.toString(System.currentTimeMillis() - 5000));
        try (OutputStream o = Files.newOutputStream(m.layout().prepareMarker())) {
            p.store(o, null);
        }
        Path reports = Files.createDirectories(m.buildDir().resolve("surefire-reports"));
        Files.writeString(reports.resolve("TEST-com.example.fixture.HandlerTest.xml"), "<testsuite/>");
    }

    private GateReport run(Thresholds total, List<String> excludes) throws IOException {
        List<ReactorCheck.Module> modules = List.of(api, lib);
        CoverageInput in = ReactorCheck.input("root", modules, "UTF-8", new ClassGlobs(List.of()),
                new ClassGlobs(excludes));
        GateLayout layout = GateLayout.of(dir.resolve("target")).aggregate();
        long prepared = ReactorCheck.prepareTime(modules);
        CoverageStep.Analysis a = CoverageStep.analyse(in, ReactorCheck.testsRan(modules, prepared), prepared >= 0,
                "argLine");
        CoverageStep.writeReports(a, layout, in);
        return new GateReport("check-aggregate", in.name(), CoverageStep.judge(a, total, Thresholds.none(),
                Thresholds.none(), CoverageStep.Ratchet.OFF, null),
                LeakOutcome.notChecked(CheckAggregateMojo.LEAKS_PER_MODULE), layout, List.of());
    }

    private static IClassCoverage named(GateReport r, String simpleName) {
        return r.coverage().classes().stream().filter(c -> c.getName().equals("com/example/fixture/" + simpleName)).findFirst()
                .orElseThrow(() -> new AssertionError(simpleName + " missing from " + r.coverage().classes()));
    }

    @Test
    void countsClassesOfOneModuleCoveredByAnotherModulesTests() throws Exception {
        testsRanIn(api, "abc");
        assertNull(ReactorCheck.noData(List.of(api, lib)));
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.5", "<coverage>"), List.of());

        assertEquals(Evidence.Status.CHECK, r.coverage().verdict().status());
        assertEquals(4, r.coverage().classes().size(), "classes of both modules: " + r.coverage().classes());
        assertTrue(named(r, "Service").getLineCounter().getCoveredCount() > 0, "lib's Service covered by api's test");
        assertEquals(0, named(r, "SubHandler").getLineCounter().getCoveredCount());
        assertTrue(r.coverage().handlers().contains("com.example.fixture.SubHandler"),
                "api's SubHandler is a handler through lib's BaseHandler: " + r.coverage().handlers());
        assertTrue(r.coverage().shortfalls().isEmpty(), "passes at 50%: " + r.coverage().shortfalls());
        assertTrue(Files.isRegularFile(dir.resolve("target/serverless-mysql/aggregate/coverage/index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("target/serverless-mysql/aggregate/coverage.xml")));
    }

    @Test
    void reactorTotalBelowMinimumFailsWithTheTable() throws Exception {
        testsRanIn(api, "abc");
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.95", "<coverage>"), List.of());

        assertTrue(r.failed());
        assertEquals(1, r.coverage().shortfalls().size(), "one reactor-wide shortfall: " + r.coverage().shortfalls());
        assertEquals("reactor root (2 modules)", r.coverage().shortfalls().get(0).element());
        String message = Messages.failure(r);
        assertTrue(message.startsWith("serverless-mysql:check-aggregate failed for reactor root (2 modules)."),
                message);
        Shortfall s = r.coverage().shortfalls().get(0);
        assertTrue(message.contains("element") && message.contains("gap") && message.contains(s.actual())
                && message.contains(s.requiredText()) && message.contains(s.gap()), message);
        assertTrue(s.covered() * 100 < s.total() * 95, "really below 95%: " + s);
        assertTrue(message.contains("Least-covered classes") && message.contains("com.example.fixture.SubHandler"),
                message);
    }

    @Test
    void excludesApplyToTheWholeReactor() throws Exception {
        testsRanIn(api, "abc");
        GateReport r = run(new Thresholds().set(Counter.LINE, "0.95", "<coverage>"),
                List.of("**.SubHandler", "**.BaseHandler"));

        assertEquals(2, r.coverage().classes().size(), "only Handler and Service remain: " + r.coverage().classes());
        assertEquals(2, r.coverage().excludedByGlob());
    }

    @Test
    void failsClosedWhenNoModuleProducedExecutionData() {
        Evidence.Verdict v = ReactorCheck.noData(List.of(api, lib));

        assertEquals(Evidence.Status.FAIL, v.status());
        assertTrue(v.reason().contains("api, lib"), v.reason());
        assertTrue(v.fix().contains("mvn verify serverless-mysql:check-aggregate"), v.fix());
    }

    @Test
    void reactorWithoutClassesPassesAndSaysSo() {
        ReactorCheck.Module empty = new ReactorCheck.Module("parent", dir.resolve("parent/target"),
                dir.resolve("parent/target/classes"), List.of());

        Evidence.Verdict v = ReactorCheck.noData(List.of(empty));

        assertEquals(Evidence.Status.NOTHING_TO_CHECK, v.status());
        assertTrue(v.reason().contains("no module of the reactor has classes"), v.reason());
    }
}
