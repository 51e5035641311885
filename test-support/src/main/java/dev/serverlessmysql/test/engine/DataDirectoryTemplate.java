package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A freshly initialised data directory per set of server binaries, made once and kept in the user cache, so that a
 * new throwaway server costs a copy of about 0.1 s instead of a run of the installer.
 */
final class DataDirectoryTemplate {

    // a small redo log makes the data directory a third of the size; servers must start with the same size
    static final String LOG_FILE_SIZE = "--innodb-log-file-size=8M";
    private static final String INITIALISED_MARKER = ".initialised";
    private static final Map<Path, Path> PRISTINE_DATA_DIRS = new ConcurrentHashMap<>();

    private DataDirectoryTemplate() {
    }

    /** Fills {@code dataDir} with a copy of the template for {@code binaries}. */
    static void copyInto(ServerBinaries binaries, Path cache, Path dataDir) throws IOException {
        FileTrees.copy(template(binaries, cache), dataDir);
        Files.deleteIfExists(dataDir.resolve(INITIALISED_MARKER));
    }

    /** The template for these binaries, initialised now if no earlier run did. */
    private static Path template(ServerBinaries binaries, Path cache) throws IOException {
        Path server = binaries.server();
        Path pristine = cache.resolve("datadir-" + Integer.toHexString((server + "|" + Files.size(server) + "|"
                + Files.getLastModifiedTime(server)).hashCode()));
        if (PRISTINE_DATA_DIRS.containsKey(server) || Files.exists(pristine.resolve(INITIALISED_MARKER))) {
            PRISTINE_DATA_DIRS.put(server, pristine);
            return pristine;
        }
        Files.createDirectories(cache);
        Path staging = Files.createTempDirectory(cache, pristine.getFileName() + ".partial-");
        try {
            Path data = staging.resolve("data");
            List<String> cmd = new ArrayList<>();
            if (binaries.windowsInstaller()) {
                // mysql_install_db.exe knows none of the script's options; root@'%' because the server skips name
                // resolution, so a TCP login from 127.0.0.1 would not match root@localhost (it listens on 127.0.0.1 only)
                cmd.addAll(List.of(binaries.installer().toString(), "--datadir=" + data, "--allow-remote-root-access"));
            } else if (binaries.mariadb()) {
                cmd.addAll(List.of(binaries.installer().toString(), "--no-defaults", "--basedir=" + binaries.basedir(),
                        "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                        "--skip-name-resolve", LOG_FILE_SIZE));
            } else {
                cmd.addAll(List.of(server.toString(), "--no-defaults", "--initialize-insecure",
                        "--basedir=" + binaries.basedir(), "--datadir=" + data, LOG_FILE_SIZE));
            }
            if (ProcessServer.isRoot()) {
                cmd.add("--user=root");
            }
            runInstaller(binaries, cmd, staging.resolve("install.log"));
            Files.writeString(data.resolve(INITIALISED_MARKER), "initialised by " + server + "\n");
            try {
                Files.move(data, pristine, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another JVM initialised the same binaries first; its copy is as good as ours
                if (!Files.exists(pristine.resolve(INITIALISED_MARKER))) {
                    throw e;
                }
            }
        } finally {
            FileTrees.deleteQuietly(staging);
        }
        PRISTINE_DATA_DIRS.put(server, pristine);
        return pristine;
    }

    private static void runInstaller(ServerBinaries binaries, List<String> cmd, Path log) {
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        binaries.addLibraryPath(builder.environment());
        try {
            Process p = builder.start();
            if (!p.waitFor(ProcessServer.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TestDatabaseException("Initialising a data directory with " + cmd.get(0) + " took over "
                        + ProcessServer.START_TIMEOUT.toSeconds() + " s. Its output ends with:\n" + ProcessServer.logTail(log, 0));
            }
            if (p.exitValue() != 0) {
                throw new TestDatabaseException("Initialising a data directory with " + cmd.get(0) + " failed with exit code "
                        + p.exitValue() + ". Its output ends with:\n" + ProcessServer.logTail(log, 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestDatabaseException("Interrupted while initialising a data directory", e);
        }
    }

}
