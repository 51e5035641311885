package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serverlessmysql.test.reuse=true}: the shared server outlives the JVM and the next JVM uses it, unless it is
 * stale or foreign. Each run is a JVM of its own, as two {@code mvn test} runs are.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServerReuseTest {

    @TempDir
    Path root;

    private final List<Process> children = new ArrayList<>();

    /**
     * Entry point of a run: reuse on, scratch root {@code args[0]}; then {@code name=value} system properties,
     * {@code database=NAME} to create a database and leave it (as a run that is killed leaves its class databases), and
     * {@code stay} to keep running after reporting.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(TestSettings.TMPDIR, args[0]);
        System.setProperty(TestSettings.REUSE, "true");
        String database = null;
        boolean stay = false;
        for (String arg : List.of(args).subList(1, args.length)) {
            if (arg.equals("stay")) {
                stay = true;
            } else if (arg.startsWith("database=")) {
                database = arg.substring("database=".length());
            } else {
                System.setProperty(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        ReusedServer server = (ReusedServer) Servers.shared(TestSettings.fromSystem());
        List<String> databases = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), server.adminUser(), server.adminPassword());
             Statement s = c.createStatement()) {
            if (database != null) {
                s.execute("CREATE DATABASE " + database);
            }
            try (ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 't\\_reuse\\_%'")) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
        }
        System.out.println("DATABASES " + databases);
        System.out.println("SERVER " + server.pid() + " " + server.port() + " " + server.slot().hash());
        System.out.flush();
        if (stay) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @AfterEach
    void stopEverythingThisTestStarted() throws Exception {
        children.forEach(Process::destroyForcibly);
        for (ReuseSlot slot : ReuseSlot.all(root)) {
            Path pidFile = ScratchSpace.serverPidFile(slot.folder());
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
            }
        }
    }

    @Test
    void theNextRunUsesTheServerTheFirstKeptWithoutStartingOne() throws Exception {
        Run first = run();
        assertTrue(first.output.contains("kept running after this JVM for later runs (serverlessmysql.test.reuse; stop it with: kill "
                + first.pid + ")"), first.output);
        assertTrue(alive(first.pid), "the server outlives the JVM that started it");

        // the sweep of stale scratch folders that every run does first, with the kept folder looking long abandoned
        Files.setLastModifiedTime(ReuseSlot.of(root, first.hash).folder(),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(1))));
        new ScratchSpace(root).newFolder();
        assertTrue(alive(first.pid), "the sweep of stale folders never stops a kept server");

        Run second = run();
        assertEquals(first.pid, second.pid, "the same server process: nothing was started");
        assertEquals(first.port, second.port);
        assertTrue(second.output.contains("reused the server an earlier run kept (pid " + first.pid + ", serverlessmysql.test.reuse)"),
                second.output);
    }

    @Test
    void aServerThatWasKilledIsReplaced() throws Exception {
        Run first = run();
        ProcessHandle.of(first.pid).orElseThrow().destroyForcibly();
        Await.until("the kept server is gone", Duration.ofSeconds(30), () -> !alive(first.pid));

        Run second = run();
        assertNotEquals(first.pid, second.pid);
        assertTrue(alive(second.pid));
        assertTrue(second.output.contains("replaced the server an earlier run kept, as its process " + first.pid + " has ended"),
                second.output);
    }

    @Test
    void anotherServerAnsweringOnTheRecordedPortIsNotTrusted() throws Exception {
        Run first = run();
        RunningServer foreign = Servers.dedicated(TestSettings.fromSystem(), List.of());
        try {
            ReuseSlot slot = ReuseSlot.of(root, first.hash);
            slot.write(slot.record().orElseThrow().withPort(foreign.port()));

            Run second = run();
            assertNotEquals(first.pid, second.pid);
            assertNotEquals(foreign.port(), second.port);
            assertTrue(second.output.contains("replaced the server an earlier run kept, as port " + foreign.port()
                    + " does not answer as that server: "), second.output);
            assertTrue(second.output.contains("Access denied"), "the record's admin password does not open the other server");
            assertFalse(alive(first.pid), "the stale server of the record ran in the kept folder: it is stopped");
            assertTrue(foreign.isRunning(), "the other server is left alone");
            try (Connection c = DriverManager.getConnection(foreign.jdbcUrl(""), foreign.adminUser(), foreign.adminPassword())) {
                assertTrue(c.isValid(5));
            }
        } finally {
            Servers.release(foreign);
        }
    }

    @Test
    void otherSettingsGetAServerOfTheirOwnAndTheOldOneIsStopped() throws Exception {
        Run first = run();
        Path binaries = new EmbeddedBinaries(TestSettings.fromSystem().cacheDir()).unpack().basedir();

        Run second = run(TestSettings.ENGINE + "=local", TestSettings.LOCAL_PATH + "=" + binaries);
        assertNotEquals(first.hash, second.hash);
        assertNotEquals(first.pid, second.pid);
        assertFalse(alive(first.pid), "no running JVM used the server kept with the old settings");
        assertFalse(Files.exists(ReuseSlot.of(root, first.hash).folder()));
        assertTrue(second.output.contains("stopped servers kept with other settings: " + first.hash), second.output);
    }

    @Test
    void runsThatStartAtOnceShareOneServerAndNeverDropEachOthersDatabases() throws Exception {
        Child a = new Child("database=t_reuse_a", "stay");
        Child b = new Child("database=t_reuse_b", "stay");
        Run ra = a.awaitServer();
        Run rb = b.awaitServer();
        assertEquals(ra.pid, rb.pid, "one server for both");
        assertEquals(1, (ra.output.contains("kept running after this JVM") ? 1 : 0) + (rb.output.contains("kept running after this JVM")
                ? 1 : 0), "exactly one of them started it:\n" + ra.output + "\n" + rb.output);

        Run third = run();
        assertEquals(ra.pid, third.pid);
        assertTrue(third.output.contains("DATABASES [t_reuse_a, t_reuse_b]"), "a run beside running ones drops nothing:\n"
                + third.output);

        // both end without cleaning up, as a killed build does
        a.process.destroyForcibly().waitFor();
        b.process.destroyForcibly().waitFor();
        Run alone = run();
        assertEquals(ra.pid, alone.pid);
        assertTrue(alone.output.contains("dropped 2 databases and accounts left by runs that ended uncleanly"), alone.output);
        assertTrue(alone.output.contains("DATABASES []"), alone.output);
    }

    @Test
    void aReuseValueOtherThanTrueOrFalseIsRefusedNamingTheSetting() {
        TestSettings settings = new TestSettings(k -> java.util.Optional.empty(),
                name -> name.equals("SERVERLESS_MYSQL_TEST_REUSE") ? "yes" : null);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.serverlessmysql.test.TestDatabaseException.class,
                () -> Servers.shared(settings));
        assertTrue(e.getMessage().contains("environment variable SERVERLESS_MYSQL_TEST_REUSE is 'yes', which is neither true nor"
                + " false"), e.getMessage());
    }

    private Run run(String... args) throws Exception {
        Child child = new Child(args);
        Run run = child.awaitServer();
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "the run must exit");
        assertEquals(0, child.process.exitValue(), run.output);
        return run;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** What a run reported: its output up to the report, the server's process id and port, and its slot's hash. */
    private record Run(String output, long pid, int port, String hash) {
    }

    /** A run in a JVM of its own, with this JVM's serverlessmysql.test.* settings (the engine under test). */
    private final class Child {
        final Process process;
        private final BufferedReader output;

        Child(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith("serverlessmysql.test.") && !k.equals(TestSettings.TMPDIR) && !k.equals(TestSettings.REUSE))
                    .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerReuseTest.class.getName(), root.toString()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            children.add(process);
            output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        Run awaitServer() throws Exception {
            return CompletableFuture.supplyAsync(this::readUntilReport).get(120, TimeUnit.SECONDS);
        }

        private Run readUntilReport() {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.startsWith("SERVER ")) {
                        String[] parts = line.split(" ");
                        return new Run(seen.toString(), Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[3]);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("the run reported no server:\n" + seen);
        }
    }
}
