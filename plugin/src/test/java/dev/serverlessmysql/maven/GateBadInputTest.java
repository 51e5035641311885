package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken input to the gate: corrupt or truncated execution data, and a classes directory that does not exist. Each
 * gives a clear outcome naming the cause, and nothing hangs. Thresholds outside 0..1 are ThresholdsTest's.
 */
@Timeout(30)
class GateBadInputTest {

    @TempDir
    Path dir;

    Path classes;
    Path out;
    Path exec;

    @BeforeEach
    void testsRanAndPrepared() throws IOException {
        classes = dir.resolve("classes");
        out = Files.createDirectories(dir.resolve("serverless-mysql"));
        exec = out.resolve("jacoco.exec");
        Path pkg = Files.createDirectories(classes.resolve("com/example/fixture"));
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("com/example/fixture/Service.class")) {
            Files.write(pkg.resolve("Service.class"), in.readAllBytes());
        }
        Properties p = new Properties();
        p.setProperty("time", Long.toString(System.currentTimeMillis() - 5000));
        try (OutputStream o = Files.newOutputStream(out.resolve("prepare.properties"))) {
            p.store(o, null);
        }
        Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
        Files.writeString(reports.resolve("TEST-com.example.fixture.ServiceTest.xml"), "<testsuite/>");
    }

    private GateReport run(Path classesDir) throws IOException {
        return Checks.check("check", Checks.input("fixture", classesDir, exec, List.of(), List.of()),
                new GateLayout(out), List.of(dir.resolve("surefire-reports")), Thresholds.none(), Thresholds.none(),
                Thresholds.none(), CoverageStep.Ratchet.OFF);
    }

    private void assertNamesFileAndFix(IOException e) {
        assertTrue(e.getMessage().contains(exec.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains("mvn clean verify"), "says how to fix it: " + e.getMessage());
    }

    @Test
    void corruptExecutionDataFailsNamingTheFileAndTheFix() throws IOException {
        Files.writeString(exec, "this is not JaCoCo execution data");
        assertNamesFileAndFix(assertThrows(IOException.class, () -> run(classes)));
    }

    @Test
    void truncatedExecutionDataFailsNamingTheFileAndTheFix() throws IOException {
        boolean[] probes = new boolean[64];
        // JaCoCo writes only classes with at least one hit
        probes[0] = true;
        try (OutputStream o = Files.newOutputStream(exec)) {
            ExecutionDataWriter w = new ExecutionDataWriter(o);
            w.visitClassExecution(new ExecutionData(42L, "com/example/fixture/Service", probes));
            w.flush();
        }
        byte[] whole = Files.readAllBytes(exec);
        Files.write(exec, Arrays.copyOf(whole, whole.length - 5));
        assertNamesFileAndFix(assertThrows(IOException.class, () -> run(classes)));
    }

    @Test
    void aMissingClassesDirectoryHasNothingToCheckAndSaysSo() throws Exception {
        try (OutputStream o = Files.newOutputStream(exec)) {
            ExecutionDataWriter w = new ExecutionDataWriter(o);
            w.visitClassExecution(new ExecutionData(42L, "com/example/fixture/Service", new boolean[64]));
            w.flush();
        }
        GateReport r = run(dir.resolve("no-such-classes"));
        assertEquals(Evidence.Status.NOTHING_TO_CHECK, r.coverage().verdict().status());
        assertTrue(r.coverage().verdict().reason().contains("no classes"), r.coverage().verdict().reason());
    }
}
