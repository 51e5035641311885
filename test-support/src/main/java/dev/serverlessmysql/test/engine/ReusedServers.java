package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Shared servers kept between runs ({@code serverlessmysql.test.reuse=true}): the first run starts one and leaves it
 * running; later runs with the same engine, binaries and startup options find its record and use it without starting
 * anything, once they have checked that it is still that server. A record whose process has ended, whose process is now
 * another program, or whose port answers as another server (a connection with the record's admin password fails, or
 * reports another data directory) is not trusted: that server is stopped if it is ours, and a new one is started.
 * Servers kept with other settings are stopped when no running JVM uses them. Starting happens under a file lock, so
 * JVMs that start at once share one server.
 */
final class ReusedServers {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int OPERATION_FAILED = 1396;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "performance_schema", "mysql", "sys");

    /** A kept server and what the log line says about how it was obtained. */
    record Acquired(ReusedServer server, String note) {
    }

    private ReusedServers() {
    }

    /** The kept server for these binaries under {@code root}: reused when it checks out, otherwise started. */
    static Acquired acquire(Engine engine, ServerBinaries binaries, Path root, Path cache) {
        String hash = hash(engine, binaries, cache);
        ReuseSlot slot = ReuseSlot.of(root, hash);
        Acquired acquired = slot.locked(() -> reuseOrStart(engine, binaries, slot, cache));
        List<String> stopped = stopOthers(root, hash);
        return stopped.isEmpty() ? acquired : new Acquired(acquired.server(), acquired.note()
                + "; stopped servers kept with other settings: " + String.join(", ", stopped));
    }

    /** The hash of what decides a kept server: engine, binaries (path, size, time) and startup options. */
    static String hash(Engine engine, ServerBinaries binaries, Path cache) {
        try {
            String identity = ReuseRecord.FORMAT + "|" + engine.id() + "|" + binaries.server() + "|" + Files.size(binaries.server())
                    + "|" + Files.getLastModifiedTime(binaries.server()) + "|"
                    + String.join(" ", ProcessServer.commandTemplate(engine, binaries, cache, List.of()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw new TestDatabaseException("Could not read " + binaries.server() + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Acquired reuseOrStart(Engine engine, ServerBinaries binaries, ReuseSlot slot, Path cache) {
        Optional<ReuseRecord> record = slot.record();
        String replaced = "";
        if (record.isPresent()) {
            Optional<String> untrusted = untrusted(record.get(), slot);
            if (untrusted.isEmpty()) {
                boolean alone = !slot.usedByOtherJvms();
                slot.addLease();
                int dropped = alone ? dropLeftovers(record.get()) : 0;
                return new Acquired(new ReusedServer(record.get(), slot), "reused the server an earlier run kept (pid "
                        + record.get().pid() + ", " + TestSettings.REUSE + ")"
                        + (dropped > 0 ? "; dropped " + dropped + " databases and accounts left by runs that ended uncleanly" : ""));
            }
            stop(record.get(), slot);
            replaced = "; replaced the server an earlier run kept, as " + untrusted.get();
        }
        slot.wipe();
        ReuseRecord fresh = start(engine, binaries, slot, cache);
        slot.write(fresh);
        slot.addLease();
        return new Acquired(new ReusedServer(fresh, slot), "kept running after this JVM for later runs (" + TestSettings.REUSE
                + "; stop it with: kill " + fresh.pid() + ")" + replaced);
    }

    /** Why the server in {@code record} is not to be used, or empty when it is still that server and answers. */
    static Optional<String> untrusted(ReuseRecord record, ReuseSlot slot) {
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of("its process " + record.pid() + " has ended");
        }
        if (!isOurs(process.get(), slot).orElse(true)) {
            return Optional.of("its process id " + record.pid() + " now belongs to another program");
        }
        // generous timeouts: a busy machine must not make a healthy server look foreign
        String url = "jdbc:mariadb://127.0.0.1:" + record.port() + "/?connectTimeout=10000&socketTimeout=30000";
        try (Connection c = DriverManager.getConnection(url, "root", record.secret());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@datadir, VERSION()")) {
            rs.next();
            if (!Path.of(rs.getString(1)).equals(record.dataDir())) {
                return Optional.of("port " + record.port() + " is answered by another server (data directory " + rs.getString(1) + ")");
            }
            if (!rs.getString(2).equals(record.version())) {
                return Optional.of("port " + record.port() + " is answered by another server (version " + rs.getString(2) + ")");
            }
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("port " + record.port() + " does not answer as that server: " + e.getMessage() + " [SQLState "
                    + e.getSQLState() + ", vendor code " + e.getErrorCode() + "]");
        }
    }

    /** Whether {@code process} runs in {@code slot}; empty when the system does not say what a process runs. */
    private static Optional<Boolean> isOurs(ProcessHandle process, ReuseSlot slot) {
        return process.info().commandLine().map(command -> command.contains(slot.folder().toString()));
    }

    /** Shuts down the server of {@code record} if its process is one that runs in {@code slot}; never another program. */
    private static void stop(ReuseRecord record, ReuseSlot slot) {
        Optional<ProcessHandle> process = ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive)
                .filter(p -> isOurs(p, slot).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception slowOrInterrupted) {
            process.get().destroyForcibly();
            if (slowOrInterrupted instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ReuseRecord start(Engine engine, ServerBinaries binaries, ReuseSlot slot, Path cache) {
        ProcessServer server = ProcessServer.launchIn(engine, binaries, slot.folder(), cache, List.of());
        String secret = random(24);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), server.adminUser(), server.adminPassword());
             Statement s = c.createStatement()) {
            List<String> rootHosts = strings(s, "SELECT Host FROM mysql.user WHERE User = 'root'");
            for (String host : rootHosts) {
                // the password proves to later runs that the server on the recorded port is this one
                try {
                    s.execute("ALTER USER 'root'@" + quote(host) + " IDENTIFIED BY '" + secret + "'");
                } catch (SQLException e) {
                    if (e.getErrorCode() != OPERATION_FAILED) {
                        throw e;
                    }
                    // MariaDB refuses (1396) to change root@<host name>, which nobody can use under skip-name-resolve
                    s.execute("DROP USER 'root'@" + quote(host));
                }
            }
            return new ReuseRecord(server.pid().orElseThrow(), server.port(), engine, server.version(), slot.hash(), secret,
                    ProcessServer.dataDir(slot.folder()), strings(s, "SHOW DATABASES"), accounts(s));
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new TestDatabaseException("Could not set up the kept test server " + server + ": " + e, e);
        }
    }

    /**
     * Drops what runs that ended without cleaning up left on the server: databases and accounts it did not start with.
     * Only called while no other running JVM uses the server, so nothing dropped belongs to a test that runs now.
     */
    private static int dropLeftovers(ReuseRecord record) {
        String url = "jdbc:mariadb://127.0.0.1:" + record.port() + "/";
        int dropped = 0;
        try (Connection c = DriverManager.getConnection(url, "root", record.secret()); Statement s = c.createStatement()) {
            for (String database : strings(s, "SHOW DATABASES")) {
                if (!record.databases().contains(database) && !SYSTEM_DATABASES.contains(database)) {
                    s.execute("DROP DATABASE IF EXISTS `" + database.replace("`", "``") + "`");
                    dropped++;
                }
            }
            for (String account : accounts(s)) {
                if (!record.accounts().contains(account)) {
                    int at = account.lastIndexOf('@');
                    s.execute("DROP USER IF EXISTS " + quote(account.substring(0, at)) + "@" + quote(account.substring(at + 1)));
                    dropped++;
                }
            }
        } catch (SQLException e) {
            throw new TestDatabaseException("Could not drop the leftovers of earlier runs on the kept test server at 127.0.0.1:"
                    + record.port() + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode()
                    + "]. Stop it (kill " + record.pid() + ") to start afresh.", e);
        }
        return dropped;
    }

    /** Stops the servers kept under {@code root} with other settings that no running JVM uses; returns their hashes. */
    private static List<String> stopOthers(Path root, String hash) {
        List<String> stopped = new ArrayList<>();
        for (ReuseSlot other : ReuseSlot.all(root)) {
            if (other.hash().equals(hash)) {
                continue;
            }
            other.tryLocked(() -> {
                if (other.usedByAnyJvm()) {
                    return null;
                }
                other.record().ifPresent(r -> stop(r, other));
                other.delete();
                stopped.add(other.hash());
                return null;
            });
        }
        return stopped;
    }

    private static List<String> accounts(Statement s) throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT User, Host FROM mysql.user")) {
            while (rs.next()) {
                accounts.add(rs.getString(1) + "@" + rs.getString(2));
            }
        }
        return accounts;
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String quote(String literal) {
        return "'" + literal.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
