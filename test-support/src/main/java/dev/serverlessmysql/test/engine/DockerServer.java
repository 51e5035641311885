package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** MySQL 8.4 in a Testcontainers container whose data directory lives on tmpfs. Loaded only after Docker answered. */
final class DockerServer implements RunningServer {

    static final String IMAGE = "mysql:8.4";

    private final MySQLContainer container;
    private final String password;

    private DockerServer(MySQLContainer container, String password) {
        this.container = container;
        this.password = password;
    }

    static DockerServer launch(List<String> variables) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        List<String> args = new ArrayList<>(List.of("--skip-log-bin", "--mysqlx=OFF", "--character-set-server=utf8mb4"));
        variables.forEach(v -> args.add("--" + v));
        MySQLContainer container = new MySQLContainer(DockerImageName.parse(IMAGE))
                .withUsername("root")
                .withPassword(password)
                .withTmpFs(Map.of("/var/lib/mysql", "rw"))
                .withCommand(args.toArray(String[]::new));
        container.start();
        return new DockerServer(container, password);
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
        return IMAGE.substring(IMAGE.indexOf(':') + 1);
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
