package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private folders for throwaway servers. Each folder records the JVM that owns it, so that folders and server
 * processes left by a JVM that was killed are swept away by the next run instead of piling up.
 */
final class ScratchSpace {

    static final String PREFIX = "serverless-mysql-test-";
    private static final String OWNER_FILE = "owner.pid";
    private static final String SERVER_PID_FILE = "server.pid";
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

    private final Path root;

    ScratchSpace(Path root) {
        this.root = root;
    }

    /** {@code /dev/shm} when it is writable (a RAM disk makes DDL fast), otherwise the JVM's temp folder. */
    static Path defaultRoot() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The folder that holds the scratch folders (and the folders of servers kept between runs). */
    Path root() {
        return root;
    }

    /** Creates a new folder owned by this JVM. */
    Path newFolder() {
        sweepOnce();
        try {
            Files.createDirectories(root);
            Path dir = Files.createTempDirectory(root, PREFIX);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new TestDatabaseException("Could not create a scratch folder under " + root + ": " + e
                    + ". Make it writable, or point serverlessmysql.test.tmpdir at a writable folder.", e);
        }
    }

    /** The file a server in {@code folder} writes its process id to. */
    static Path serverPidFile(Path folder) {
        return folder.resolve(SERVER_PID_FILE);
    }

    private void sweepOnce() {
        if (!SWEPT.add(root.toAbsolutePath()) || !Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = readPid(dir.resolve(OWNER_FILE));
                boolean ownerAlive = owner.isPresent() && ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false);
                // a folder without an owner yet may be one another JVM is creating right now
                if (ownerAlive || (owner.isEmpty() && isRecent(dir))) {
                    continue;
                }
                readPid(serverPidFile(dir)).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().commandLine().map(c -> c.contains(dir.toString())).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
                FileTrees.deleteQuietly(dir);
            }
        } catch (IOException e) {
            // sweeping is housekeeping; a folder we cannot read is left for the next run
        }
    }

    private static boolean isRecent(Path dir) throws IOException {
        return Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 300_000;
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
