package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private, throwaway server process run from local binaries in a scratch folder of its own. */
final class ProcessServer implements ControllableServer {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 5;
    private static final String MYSQL8_SQL_MODE =
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private final Engine engine;
    private final ServerBinaries binaries;
    private final List<String> variables;
    private final Path folder;
    private final Path cache;
    /** Options added by {@link #restartWith}, such as {@code innodb-read-only}; they outlive crashes and restarts. */
    private volatile List<String> startupOptions = List.of();
    private int port;
    private Process process;
    private String version;

    private ProcessServer(Engine engine, ServerBinaries binaries, Path folder, Path cache, List<String> variables) {
        this.engine = engine;
        this.binaries = binaries;
        this.variables = List.copyOf(variables);
        this.cache = cache;
        this.folder = folder;
    }

    /**
     * Copies a freshly initialised data directory (made once per binaries and kept in {@code cache}) into a new scratch
     * folder and starts a server on a free port, retrying when another JVM takes the port.
     */
    static ProcessServer launch(Engine engine, ServerBinaries binaries, ScratchSpace scratch, Path cache, List<String> variables) {
        return launchIn(engine, binaries, scratch.newFolder(), cache, variables);
    }

    /**
     * Like {@link #launch}, in {@code folder}, which must be empty or missing; on failure the folder is removed. The
     * server is the caller's to close.
     */
    static ProcessServer launchIn(Engine engine, ServerBinaries binaries, Path folder, Path cache, List<String> variables) {
        ProcessServer server = new ProcessServer(engine, binaries, folder, cache, variables);
        try {
            DataDirectoryTemplate.copyInto(binaries, cache, server.dataDir());
            for (int attempt = 1; ; attempt++) {
                server.port = freePort();
                try {
                    server.start();
                    return server;
                } catch (PortTakenException e) {
                    if (attempt == PORT_ATTEMPTS) {
                        throw new TestDatabaseException("Gave up after " + attempt + " ports were taken by other processes: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            server.close();
            throw new TestDatabaseException("Could not prepare a data directory in " + server.folder + ": " + e, e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return "root";
    }

    @Override
    public String adminPassword() {
        return "";
    }

    @Override
    public synchronized String version() {
        return version;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path log = folder.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        binaries.addLibraryPath(builder.environment());
        long logStart = log.toFile().length();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TestDatabaseException("Could not run " + binaries.server() + ": " + e.getMessage()
                    + ". Check that the file is executable and built for this machine.", e);
        }
        version = awaitReady(log, logStart);
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            awaitExit(Duration.ofSeconds(60));
        }
    }

    @Override
    public synchronized void restartWith(List<String> options) {
        stop();
        startupOptions = List.copyOf(options);
        start();
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        kill();
        FileTrees.deleteQuietly(folder);
    }

    @Override
    public String toString() {
        return engine.id() + " server " + version + " at " + host() + ":" + port + " from " + binaries.server();
    }

    /** The data directory of a server started in {@code folder}. */
    static Path dataDir(Path folder) {
        return folder.resolve("data");
    }

    private Path dataDir() {
        return dataDir(folder);
    }

    /**
     * The command line a server of these binaries starts with, with a placeholder folder and port 0 for what differs
     * between servers: two servers whose templates are equal run with the same options.
     */
    static List<String> commandTemplate(Engine engine, ServerBinaries binaries, Path cache, List<String> variables) {
        return new ProcessServer(engine, binaries, Path.of("server-folder"), cache, variables).command();
    }

    /** The process id of the running server, if any. */
    synchronized java.util.OptionalLong pid() {
        return isRunning() ? java.util.OptionalLong.of(process.pid()) : java.util.OptionalLong.empty();
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(
                binaries.server().toString(),
                "--no-defaults",
                "--basedir=" + binaries.basedir(),
                "--datadir=" + dataDir(),
                "--tmpdir=" + folder,
                "--socket=" + folder.resolve("mysql.sock"),
                "--pid-file=" + ScratchSpace.serverPidFile(folder),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--skip-log-bin",
                "--character-set-server=utf8mb4",
                "--sql-mode=" + MYSQL8_SQL_MODE,
                "--max-allowed-packet=64M",
                // durability is worthless for a throwaway test server and costs most of the DDL time
                "--innodb-flush-log-at-trx-commit=0",
                "--loose-innodb-doublewrite=0",
                "--innodb-buffer-pool-size=64M",
                DataDirectoryTemplate.LOG_FILE_SIZE,
                "--loose-innodb-use-native-aio=0",
                "--loose-performance-schema=OFF",
                "--loose-mysqlx=OFF"));
        if (isRoot()) {
            cmd.add("--user=root");
        }
        if (variables.stream().noneMatch(ProcessServer::isTlsSetting)) {
            if (binaries.mariadb()) {
                // MariaDB 11.4 otherwise generates a TLS certificate at every start, which takes seconds
                cmd.add("--skip-ssl");
            }
        } else if (variables.stream().noneMatch(v -> setting(v).startsWith("ssl_cert") || setting(v).startsWith("ssl_key"))) {
            // the same certificate on every engine: MariaDB 10.x has none of its own, 11.4 would spend seconds making one
            TlsCertificate.Pem tls = TlsCertificate.in(cache);
            cmd.add("--ssl-cert=" + tls.certificate());
            cmd.add("--ssl-key=" + tls.privateKey());
        }
        for (String v : variables) {
            cmd.add("--" + v);
        }
        for (String o : startupOptions) {
            cmd.add("--" + o);
        }
        return cmd;
    }

    private static boolean isTlsSetting(String variable) {
        String name = setting(variable);
        return name.startsWith("ssl") || name.startsWith("tls") || name.startsWith("require_secure_transport");
    }

    /** The variable's name in lower case with underscores, as the server compares it. */
    private static String setting(String variable) {
        return variable.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private String awaitReady(Path log, long logStart) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String url = jdbcUrl("") + "?connectTimeout=2000";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail(log, logStart);
                if (tail.contains("Address already in use") || tail.contains("Do you already have another")) {
                    throw new PortTakenException("port " + port + " is in use");
                }
                throw new TestDatabaseException("The " + engine.id() + " server " + binaries.server() + " exited with code "
                        + process.exitValue() + " before accepting connections. Its log ends with:\n" + tail);
            }
            try (Connection c = DriverManager.getConnection(url, adminUser(), adminPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT VERSION()")) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException notYet) {
                pause();
            }
        }
        process.destroyForcibly();
        throw new TestDatabaseException("The " + engine.id() + " server did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s. Its log ends with:\n" + logTail(log, logStart));
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String logTail(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.max(from, all.length - 3000L);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestDatabaseException("Interrupted while waiting for the test server to start", e);
        }
    }

    /** The server could not bind its port because another process took it first. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
