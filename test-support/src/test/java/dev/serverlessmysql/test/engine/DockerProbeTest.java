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
