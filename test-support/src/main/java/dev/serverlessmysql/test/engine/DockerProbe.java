package dev.serverlessmysql.test.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides quickly and silently whether a Docker engine answers, before any Testcontainers class is loaded: its own
 * probe takes about half a second and logs ERROR blocks when Docker is absent.
 */
final class DockerProbe {

    private static final int TIMEOUT_MILLIS = 1000;
    private static final byte[] PING = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Function<String, String> env;
    private final Path home;

    DockerProbe(Function<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** Why Docker is not usable, or empty when an engine answered the ping. */
    Optional<String> problem() {
        String dockerHost = env.apply("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return ping(dockerHost.trim()) ? Optional.empty()
                    : Optional.of("DOCKER_HOST=" + dockerHost + " does not answer a Docker ping");
        }
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        String runtimeDir = env.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        for (Path socket : sockets) {
            if (Files.exists(socket) && pingUnix(socket)) {
                return Optional.empty();
            }
        }
        return Optional.of("DOCKER_HOST is unset and no Docker socket answers (looked at " + sockets + ")");
    }

    private static boolean ping(String dockerHost) {
        URI uri = URI.create(dockerHost);
        if ("unix".equals(uri.getScheme())) {
            return pingUnix(Path.of(uri.getPath()));
        }
        if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375), TIMEOUT_MILLIS);
                s.setSoTimeout(TIMEOUT_MILLIS);
                s.getOutputStream().write(PING);
                return answeredOk(s.getInputStream());
            } catch (IOException e) {
                return false;
            }
        }
        // TLS endpoints (https, tcp with DOCKER_TLS_VERIFY) need certificates; let Testcontainers decide for those
        return "https".equals(uri.getScheme());
    }

    private static boolean pingUnix(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(PING));
            // a Unix socket to a live daemon answers at once; a stale socket file refuses the connect above
            return answeredOk(Channels.newInputStream(channel));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean answeredOk(InputStream in) throws IOException {
        byte[] head = in.readNBytes(64);
        String status = new String(head, StandardCharsets.US_ASCII);
        return status.startsWith("HTTP/1.") && status.contains(" 200 ");
    }
}
