package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;

/**
 * A shared server kept between runs ({@code serverlessmysql.test.reuse}), started by this JVM or an earlier one. It is
 * not this JVM's to stop: {@link #close()} only ends this JVM's lease, and the server keeps running for the next run.
 */
final class ReusedServer implements RunningServer {

    private final ReuseRecord record;
    private final ReuseSlot slot;

    ReusedServer(ReuseRecord record, ReuseSlot slot) {
        this.record = record;
        this.slot = slot;
    }

    @Override
    public Engine engine() {
        return record.engine();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return record.port();
    }

    @Override
    public String adminUser() {
        return "root";
    }

    @Override
    public String adminPassword() {
        return record.secret();
    }

    @Override
    public String version() {
        return record.version();
    }

    /** The server's process id. */
    long pid() {
        return record.pid();
    }

    /** The folder the server runs in. */
    ReuseSlot slot() {
        return slot;
    }

    @Override
    public boolean isRunning() {
        return ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() {
        slot.removeLease();
    }

    @Override
    public String toString() {
        return record.engine().id() + " server " + record.version() + " at 127.0.0.1:" + record.port() + " kept in " + slot;
    }
}
