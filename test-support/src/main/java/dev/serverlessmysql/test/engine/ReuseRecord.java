package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What a JVM that started a kept shared server wrote down for the next run: the process, where it listens, which
 * server it is, the hash of its settings, the admin password that proves a server on that port is this one, and the
 * databases and accounts it started with (anything else is a leftover of a run that ended without cleaning up).
 *
 * @param pid the server's process id
 * @param port the TCP port on 127.0.0.1
 * @param engine embedded or local
 * @param version what the server reported as its version
 * @param hash the hash of engine, binaries and startup options (the slot's name)
 * @param secret the password given to its root accounts at start
 * @param dataDir its data directory, which it reports as {@code @@datadir}
 * @param databases the databases it started with
 * @param accounts the accounts it started with, as {@code user@host}
 */
record ReuseRecord(long pid, int port, Engine engine, String version, String hash, String secret, Path dataDir,
                   List<String> databases, List<String> accounts) {

    /** Bumped when the record or the way a kept server is set up changes, so that older servers are replaced. */
    static final String FORMAT = "1";
    private static final String SEPARATOR = "\u001f";

    /** Reads a record; empty when it is of another format or incomplete. */
    static Optional<ReuseRecord> from(Properties p) {
        if (!FORMAT.equals(p.getProperty("format"))) {
            return Optional.empty();
        }
        return Optional.of(new ReuseRecord(Long.parseLong(p.getProperty("pid")), Integer.parseInt(p.getProperty("port")),
                Engine.valueOf(p.getProperty("engine").toUpperCase(Locale.ROOT)), p.getProperty("version"), p.getProperty("hash"),
                p.getProperty("secret"), Path.of(p.getProperty("datadir")), split(p.getProperty("databases")),
                split(p.getProperty("accounts"))));
    }

    /** The record as properties. */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("port", Integer.toString(port));
        p.setProperty("engine", engine.id());
        p.setProperty("version", version);
        p.setProperty("hash", hash);
        p.setProperty("secret", secret);
        p.setProperty("datadir", dataDir.toString());
        p.setProperty("databases", String.join(SEPARATOR, databases));
        p.setProperty("accounts", String.join(SEPARATOR, accounts));
        return p;
    }

    /** The record with the server listening on {@code newPort}. */
    ReuseRecord withPort(int newPort) {
        return new ReuseRecord(pid, newPort, engine, version, hash, secret, dataDir, databases, accounts);
    }

    @Override
    public String toString() {
        return "ReuseRecord[" + engine.id() + " " + version + " pid " + pid + " at 127.0.0.1:" + port + ", hash " + hash + "]";
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(SEPARATOR));
    }
}
