package dev.serverlessmysql;

import java.util.Objects;

/**
 * How {@link ServerlessMysql#transaction(TransactionOptions, TransactionCallback)} runs a transaction: its isolation
 * level, whether it is read-only, and whether a deadlock or a lock-wait timeout retries the whole callback.
 * Instances are immutable; every method returns a new one.
 */
public final class TransactionOptions {

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false, 0);

    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final int deadlockRetries;

    private TransactionOptions(IsolationLevel isolation, boolean readOnly, int deadlockRetries) {
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.deadlockRetries = deadlockRetries;
    }

    /** The server's default isolation level, read-write, no retries. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with the given isolation level for this transaction only. When the session already has that level,
     * nothing is sent for it.
     */
    public TransactionOptions isolation(IsolationLevel level) {
        return new TransactionOptions(Objects.requireNonNull(level, "isolation level"), readOnly, deadlockRetries);
    }

    /** These options with the transaction read-only ({@code SET TRANSACTION READ ONLY}) or not. */
    public TransactionOptions readOnly(boolean readOnly) {
        return new TransactionOptions(isolation, readOnly, deadlockRetries);
    }

    /**
     * These options with the whole callback retried, up to {@code maxRetries} times, when the server reports a
     * deadlock (1213) or a lock-wait timeout (1205). The server has already rolled back the transaction's work, so
     * only re-running the whole callback is correct, and only an idempotent callback may opt in. Retries wait with
     * the client's backoff and stop at its retry deadline, counted from the first deadlock, or at the invocation's
     * remaining time.
     *
     * @throws IllegalArgumentException if maxRetries is outside 0..1000
     */
    public TransactionOptions retryOnDeadlock(int maxRetries) {
        if (maxRetries < 0 || maxRetries > 1000) {
            throw new IllegalArgumentException("retryOnDeadlock must be between 0 and 1000, was " + maxRetries);
        }
        return new TransactionOptions(isolation, readOnly, maxRetries);
    }

    /** The isolation level, or null for the session's. */
    public IsolationLevel isolation() {
        return isolation;
    }

    /** Whether the transaction is read-only. */
    public boolean readOnly() {
        return readOnly;
    }

    /** How many times a deadlock or lock-wait timeout retries the callback. */
    public int deadlockRetries() {
        return deadlockRetries;
    }

    /**
     * The {@code SET TRANSACTION ISOLATION LEVEL} statement for the next transaction only, or null when the caller
     * asked for no level (the session's level then applies, and nothing is sent). The client sends it only when the
     * level differs from the session's.
     */
    String isolationSql() {
        return isolation == null ? null : "SET TRANSACTION ISOLATION LEVEL " + isolation.sql();
    }

    /** The statement that begins the transaction, autocommit left alone: {@code START TRANSACTION [READ ONLY]}. */
    String startSql() {
        return readOnly ? "START TRANSACTION READ ONLY" : "START TRANSACTION";
    }

    @Override
    public String toString() {
        return "TransactionOptions[isolation=" + (isolation == null ? "default" : isolation.sql()) + ", readOnly="
                + readOnly + ", retryOnDeadlock=" + deadlockRetries + "]";
    }
}
