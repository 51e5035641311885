package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM that used a test server leaves no process and no folder behind, however it ends. */
class ServerCleanupTest {

    /** Entry point of the child JVM: starts the shared server in the given folder, reports it, then exits or waits. */
    public static void main(String[] args) throws Exception {
        System.setProperty(TestSettings.TMPDIR, args[0]);
        System.setProperty(TestSettings.REUSE, "false"); // a developer's SERVERLESS_MYSQL_TEST_REUSE must not keep it
        RunningServer server = Servers.shared(TestSettings.fromSystem());
        try (Stream<Path> dirs = Files.list(Path.of(args[0]))) {
            for (Path dir : dirs.toList()) {
                Path pid = ScratchSpace.serverPidFile(dir);
                if (Files.exists(pid)) {
                    System.out.println("SERVER " + Files.readString(pid).trim() + " " + server.port());
                }
            }
        }
        System.out.flush();
        if (args.length > 1) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aNormalExitStopsTheServerAndDeletesItsFolder(@TempDir Path scratch) throws Exception {
        Process child = childJvm(scratch, false);
        long serverPid = serverPid(child);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM must exit");
        assertEquals(0, child.exitValue());
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "server process " + serverPid + " survived");
        assertEquals(List.of(), entries(scratch));
    }

    @Test
    void withoutDockerTestcontainersDockerSideIsNeverLoaded(@TempDir Path scratch) throws Exception {
        Process child = childJvm(scratch, false, "-Xlog:class+load=info");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("SERVER "), output.length() > 2000 ? output.substring(output.length() - 2000) : output);
        assertTrue(output.contains("dev.serverlessmysql.test.engine.DockerProbe"), "the probe must have run");
        // DriverManager registers Testcontainers' jdbc:tc: driver for every JDBC user; what must stay untouched is its Docker side
        for (String dockerSide : List.of("org.testcontainers.DockerClientFactory", "org.testcontainers.dockerclient.",
                "org.testcontainers.containers.", "org.testcontainers.mysql.")) {
            assertFalse(output.contains(dockerSide), dockerSide + " was loaded although Docker is absent");
        }
        assertFalse(output.contains("ERROR"), "the engine choice logged an error");
    }

    @Test
    void theNextRunSweepsUpAfterAKilledJvm(@TempDir Path scratch) throws Exception {
        Process child = childJvm(scratch, true);
        long serverPid = serverPid(child);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // no shutdown hook ran: the server is orphaned and its folder is still there
        assertTrue(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(entries(scratch).isEmpty());

        Path fresh = new ScratchSpace(scratch).newFolder();
        Await.until("the orphaned server is gone", Duration.ofSeconds(30),
                () -> !ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(List.of(fresh), entries(scratch));
    }

    private static Process childJvm(Path scratch, boolean stayAlive, String... jvmOptions) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerCleanupTest.class.getName(), scratch.toString()));
        if (stayAlive) {
            cmd.add("stay");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static long serverPid(Process child) throws IOException {
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            output.append(line).append('\n');
            if (line.startsWith("SERVER ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
        }
        throw new AssertionError("the child JVM reported no server:\n" + output);
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
