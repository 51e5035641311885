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
import java.util.Properties;
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

    /**
     * Why Docker is not usable, or empty when an engine answered. It looks where Testcontainers' own strategies look:
     * {@code DOCKER_HOST} (TLS included), {@code docker.host} and {@code tc.host} in {@code ~/.testcontainers.properties},
     * the standard socket, Docker Desktop's sockets and rootless Docker's.
     */
    Optional<String> problem() {
        String dockerHost = env.apply("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return ping(dockerHost.trim(), tls()) ? Optional.empty()
                    : Optional.of("DOCKER_HOST=" + dockerHost + " does not answer a Docker ping");
        }
        Properties testcontainers = testcontainersProperties();
        for (String key : List.of("tc.host", "docker.host")) {
            String configured = testcontainers.getProperty(key);
            if (configured != null && !configured.isBlank()) {
                return ping(configured.trim(), tls() || "1".equals(testcontainers.getProperty("docker.tls.verify")))
                        ? Optional.empty()
                        : Optional.of(key + "=" + configured + " in " + home.resolve(".testcontainers.properties")
                                + " does not answer a Docker ping");
            }
        }
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock")));
        String runtimeDir = env.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, ".docker/run/docker.sock"));
        }
        uid().ifPresent(uid -> sockets.add(Path.of("/run/user", uid, "docker.sock")));
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        for (Path socket : sockets) {
            if (Files.exists(socket) && pingUnix(socket)) {
                return Optional.empty();
            }
        }
        return Optional.of("DOCKER_HOST is unset, ~/.testcontainers.properties names no docker.host, and no Docker socket"
                + " answers (looked at " + sockets + ")");
    }

    private boolean tls() {
        String verify = env.apply("DOCKER_TLS_VERIFY");
        return verify != null && !verify.isBlank() && !verify.equals("0");
    }

    private Properties testcontainersProperties() {
        Properties properties = new Properties();
        Path file = home.resolve(".testcontainers.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                // unreadable: as if absent; Testcontainers would not use it either
            }
        }
        return properties;
    }

    private static Optional<String> uid() {
        try {
            return Optional.of(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean ping(String dockerHost, boolean tls) {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if ("unix".equals(uri.getScheme())) {
            return pingUnix(Path.of(uri.getPath()));
        }
        boolean secure = tls || "https".equals(uri.getScheme());
        if (uri.getHost() == null || !List.of("tcp", "http", "https").contains(uri.getScheme())) {
            return false;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 2376 : 2375;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
            if (secure) {
                // a TLS endpoint needs the client certificates Testcontainers reads; a listening port is enough to hand over
                return true;
            }
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.getOutputStream().write(PING);
            return answeredOk(s.getInputStream());
        } catch (IOException e) {
            return false;
        }
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
