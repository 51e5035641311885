package dev.serverlessmysql.test.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A MariaDB or MySQL server installation on disk: the server executable and what initialises a data directory. */
record ServerBinaries(boolean mariadb, Path basedir, Path server, Path installer, Path libDir) {

    private static final List<String> SERVER_NAMES = List.of("mariadbd", "mysqld");
    private static final List<String> INSTALLER_NAMES = List.of("mariadb-install-db", "mysql_install_db");
    private static final List<String> WELL_KNOWN_DIRS =
            List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/mysql/bin");

    /**
     * Finds server binaries under {@code hint} (an installation directory or a server executable), or when it is
     * null on the PATH and in the usual system directories.
     */
    static Optional<ServerBinaries> find(Path hint) {
        List<Path> candidates = new ArrayList<>();
        if (hint != null) {
            if (Files.isRegularFile(hint)) {
                candidates.add(hint);
            } else {
                for (String name : SERVER_NAMES) {
                    candidates.add(hint.resolve("bin").resolve(name));
                    candidates.add(hint.resolve("sbin").resolve(name));
                    candidates.add(hint.resolve(name));
                }
            }
        } else {
            List<String> dirs = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
            }
            dirs.addAll(WELL_KNOWN_DIRS);
            for (String name : SERVER_NAMES) {
                for (String dir : dirs) {
                    if (!dir.isEmpty()) {
                        candidates.add(Path.of(dir, name));
                    }
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(ServerBinaries::describe);
    }

    private static ServerBinaries describe(Path server) {
        Path real = realPath(server);
        Path binDir = real.getParent();
        Path basedir = binDir.getParent() != null ? binDir.getParent() : binDir;
        boolean mariadb = real.getFileName().toString().startsWith("mariadb") || versionOutput(real).contains("MariaDB");
        Path installer = null;
        if (mariadb) {
            List<Path> places = new ArrayList<>(List.of(basedir.resolve("scripts"), basedir.resolve("bin"), binDir));
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isEmpty()) {
                        places.add(Path.of(dir));
                    }
                }
            }
            installer = places.stream()
                    .flatMap(dir -> INSTALLER_NAMES.stream().map(dir::resolve))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElse(null);
        }
        Path libs = basedir.resolve("libs");
        return new ServerBinaries(mariadb, basedir, real, installer, Files.isDirectory(libs) ? libs : null);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath();
        }
    }

    private static String versionOutput(Path server) {
        try {
            Process p = new ProcessBuilder(server.toString(), "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            p.waitFor(10, TimeUnit.SECONDS);
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Why these binaries cannot run a throwaway server, or empty when they can. */
    Optional<String> problem() {
        if (mariadb && installer == null) {
            return Optional.of("found " + server + " but no mariadb-install-db next to it or on the PATH");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return (mariadb ? "MariaDB" : "MySQL") + " binaries at " + server;
    }
}
