package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL (8.4 unless {@code serverlessmysql.test.image} names another image) in a Testcontainers container whose data
 * directory lives on tmpfs. Loaded only after Docker answered.
 */
final class DockerServer implements RunningServer {

    static final String DEFAULT_IMAGE = "mysql:8.4";

    private final MySQLContainer container;
    private final String password;
    private final String image;

    private DockerServer(MySQLContainer container, String password, String image) {
        this.container = container;
        this.password = password;
        this.image = image;
    }

    static DockerServer launch(String image, List<String> variables) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        List<String> args = new ArrayList<>(List.of("--skip-log-bin", "--mysqlx=OFF", "--character-set-server=utf8mb4"));
        variables.forEach(v -> args.add("--" + v));
        // a mirror or a pinned digest of the official image is still MySQL
        MySQLContainer container = new MySQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("mysql"))
                .withUsername("root")
                .withPassword(password)
                .withTmpFs(Map.of("/var/lib/mysql", "rw"))
                .withCommand(args.toArray(String[]::new));
        container.start();
        return new DockerServer(container, password, image);
    }

    @Override
    public Engine engine() {
        return Engine.DOCKER;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(MySQLContainer.MYSQL_PORT);
    }

    @Override
    public String adminUser() {
        return "root";
    }

    @Override
    public String adminPassword() {
        return password;
    }

    @Override
    public String version() {
        return image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
    }

    @Override
    public String jdbcUrl(String database) {
        // MySQL 8 authenticates with caching_sha2_password, which needs the server's key on a plain connection
        return RunningServer.super.jdbcUrl(database) + "?allowPublicKeyRetrieval=true";
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public void close() {
        container.stop();
    }
}
