package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.TestDatabaseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The folder of one shared server kept between runs, named after the hash of what decides the server (engine,
 * binaries, startup options): the server's files, its {@link ReuseRecord}, and one lease file per JVM using it. The
 * lock file beside the folder is never deleted, so every JVM locks the same file. The one place that knows this layout.
 */
final class ReuseSlot {

    static final String PREFIX = "serverless-mysql-reuse-";
    private static final String RECORD = "server.properties";
    private static final String LEASES = "users";

    private final Path root;
    private final String hash;

    private ReuseSlot(Path root, String hash) {
        this.root = root;
        this.hash = hash;
    }

    /** The slot for {@code hash} under {@code root}. */
    static ReuseSlot of(Path root, String hash) {
        return new ReuseSlot(root, hash);
    }

    /** Every slot under {@code root}, whatever its hash. */
    static List<ReuseSlot> all(Path root) {
        List<ReuseSlot> slots = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return slots;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    slots.add(new ReuseSlot(root, entry.getFileName().toString().substring(PREFIX.length())));
                }
            }
        } catch (IOException e) {
            // a root we cannot list has no slots we could use
        }
        return slots;
    }

    String hash() {
        return hash;
    }

    /** The folder the server runs in (its data directory, log, socket and pid file). */
    Path folder() {
        return root.resolve(PREFIX + hash);
    }

    /** Runs {@code action} holding the slot's lock, waiting while another JVM holds it (it may be starting the server). */
    <T> T locked(Supplier<T> action) {
        try (FileChannel channel = openLock(); FileLock lock = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new TestDatabaseException("Could not lock " + lockFile() + " to share the kept test server: " + e
                    + ". Make " + root + " writable, or point serverlessmysql.test.tmpdir elsewhere.", e);
        }
    }

    /** Runs {@code action} holding the slot's lock if no other JVM holds it now; empty when one does. */
    <T> Optional<T> tryLocked(Supplier<T> action) {
        try (FileChannel channel = openLock(); FileLock lock = channel.tryLock()) {
            return lock == null ? Optional.empty() : Optional.ofNullable(action.get());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The record of the server kept here, or empty when there is none or it cannot be read. */
    Optional<ReuseRecord> record() {
        Path file = folder().resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Properties p = new Properties();
            p.load(in);
            return ReuseRecord.from(p);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the record atomically, readable by this user only (it holds the server's admin password). */
    void write(ReuseRecord record) {
        Path file = folder().resolve(RECORD);
        try {
            Path partial = Files.createTempFile(folder(), RECORD, ".partial");
            ownerOnly(partial);
            try (OutputStream out = Files.newOutputStream(partial)) {
                record.properties().store(out, "a shared test server kept between runs (serverlessmysql.test.reuse)");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes everything in the folder, for a server started afresh; the lock file stays. */
    void wipe() {
        if (!FileTrees.deleteQuietly(folder())) {
            throw new TestDatabaseException("Could not remove " + folder() + ", the folder of a stale kept test server."
                    + " Remove it by hand.");
        }
    }

    /** Records that this JVM uses the server until it exits (or {@link #removeLease()}). */
    void addLease() {
        try {
            Files.createDirectories(folder().resolve(LEASES));
            Files.writeString(leaseFile(ProcessHandle.current().pid()), startOf(ProcessHandle.current()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM no longer uses the server. */
    void removeLease() {
        try {
            Files.deleteIfExists(leaseFile(ProcessHandle.current().pid()));
        } catch (IOException e) {
            // a lease left behind names a JVM that has ended, which every reader treats as no lease
        }
    }

    /** Whether a JVM other than this one that is still running uses the server; leases of ended JVMs are removed. */
    boolean usedByOtherJvms() {
        return leased(false);
    }

    /** Whether any JVM that is still running, this one included, uses the server. */
    boolean usedByAnyJvm() {
        return leased(true);
    }

    private boolean leased(boolean countSelf) {
        Path leases = folder().resolve(LEASES);
        if (!Files.isDirectory(leases)) {
            return false;
        }
        long self = ProcessHandle.current().pid();
        boolean used = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(leases)) {
            for (Path lease : files) {
                long pid;
                try {
                    pid = Long.parseLong(lease.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self) {
                    used |= countSelf;
                    continue;
                }
                String started = Files.readString(lease).trim();
                // a pid is only the same JVM if it also started at the same time: pids are reused
                boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                        .map(p -> started.isEmpty() || startOf(p).isEmpty() || startOf(p).equals(started)).orElse(false);
                if (alive) {
                    used = true;
                } else {
                    Files.deleteIfExists(lease);
                }
            }
        } catch (IOException e) {
            return true; // cannot tell: assume someone does, so nothing of theirs is touched
        }
        return used;
    }

    /** Removes the slot's folder; the lock file stays. */
    void delete() {
        FileTrees.deleteQuietly(folder());
    }

    @Override
    public String toString() {
        return folder().toString();
    }

    private Path leaseFile(long pid) {
        return folder().resolve(LEASES).resolve(Long.toString(pid));
    }

    private Path lockFile() {
        return root.resolve(PREFIX + hash + ".lock");
    }

    private FileChannel openLock() throws IOException {
        Files.createDirectories(root);
        return FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file is in the user's own temp folder
        }
    }
}
