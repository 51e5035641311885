package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void findsNoDockerWhenNothingIsConfiguredOrListening() {
        Optional<String> problem = new DockerProbe(Map.<String, String>of()::get, home).problem();
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("DOCKER_HOST is unset"), problem.get());
    }

    @Test
    void findsNoDockerBehindAClosedPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Optional<String> problem = new DockerProbe(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closed)::get, home).problem();
        assertTrue(problem.orElseThrow().contains("does not answer a Docker ping"));
    }

    @Test
    void ignoresAStaleSocketFile() throws IOException {
        Path stale = Files.createFile(home.resolve("docker.sock"));
        Optional<String> problem = new DockerProbe(Map.of("DOCKER_HOST", "unix://" + stale)::get, home).problem();
        assertTrue(problem.isPresent());
    }

    @Test
    void acceptsAnEngineThatAnswersThePing() throws Exception {
        try (ServerSocket fakeDocker = new ServerSocket(0)) {
            Thread responder = new Thread(() -> answerOnePing(fakeDocker));
            responder.start();
            Optional<String> problem = new DockerProbe(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + fakeDocker.getLocalPort())::get, home)
                    .problem();
            responder.join();
            assertEquals(Optional.empty(), problem);
        }
    }

    @Test
    void readsTheDockerHostFromTestcontainersProperties() throws Exception {
        try (ServerSocket fakeDocker = new ServerSocket(0)) {
            Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=tcp://127.0.0.1:" + fakeDocker.getLocalPort() + "\n");
            Thread responder = new Thread(() -> answerOnePing(fakeDocker));
            responder.start();
            Optional<String> problem = new DockerProbe(Map.<String, String>of()::get, home).problem();
            responder.join();
            assertEquals(Optional.empty(), problem);
        }
    }

    @Test
    void aTestcontainersPropertiesHostThatDoesNotAnswerIsNamed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Files.writeString(home.resolve(".testcontainers.properties"), "tc.host=tcp://127.0.0.1:" + closed + "\n");
        String problem = new DockerProbe(Map.<String, String>of()::get, home).problem().orElseThrow();
        assertTrue(problem.contains("tc.host=tcp://127.0.0.1:" + closed + " in " + home.resolve(".testcontainers.properties")), problem);
    }

    @Test
    void aTlsDockerHostCountsWhenItsPortListensAndNotWhenItIsClosed() throws IOException {
        try (ServerSocket tlsDocker = new ServerSocket(0)) {
            Map<String, String> env = Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + tlsDocker.getLocalPort(), "DOCKER_TLS_VERIFY", "1");
            assertEquals(Optional.empty(), new DockerProbe(env::get, home).problem());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + closed, "DOCKER_TLS_VERIFY", "1");
        assertTrue(new DockerProbe(env::get, home).problem().isPresent());
    }

    @Test
    void theImageIsASettingThatSeparatesSharedServers() {
        TestSettings defaults = new TestSettings(k -> Optional.empty(), Map.<String, String>of()::get);
        TestSettings aurora = new TestSettings(k -> Optional.empty(), Map.of("SERVERLESS_MYSQL_TEST_IMAGE", "mysql:8.0")::get);
        assertEquals("mysql:8.4", defaults.image());
        assertEquals("mysql:8.0", aurora.image());
        assertTrue(!defaults.fingerprint().equals(aurora.fingerprint()), "another image is another shared server");
    }

    private static void answerOnePing(ServerSocket server) {
        try (Socket client = server.accept()) {
            client.getInputStream().readNBytes(16);
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
