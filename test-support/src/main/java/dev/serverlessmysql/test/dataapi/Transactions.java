package dev.serverlessmysql.test.dataapi;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The open transactions, by id, each on a session of its own. A transaction no call has used for the idle timeout
 * (three minutes on the service) or older than the maximum age (24 hours) is rolled back and forgotten; so is one
 * whose statement failed. A later call with its id is answered {@code TransactionNotFoundException} with the reason,
 * as the service documents.
 */
final class Transactions implements AutoCloseable {

    static final String EXPIRED = "Transaction may be expired";
    static final String ENDED = "One previous call resulted in a termination of your transaction";
    static final String ABORTED = "Transaction has been aborted due to an error from a previous call";

    private static final int REMEMBERED_ENDINGS = 10_000;

    /** One open transaction. Calls on it take {@link #busy}, so that they run one at a time, as on one session. */
    static final class Tx {
        final String id;
        final Connections.Lease lease;
        final Semaphore busy = new Semaphore(1);
        final long createdNanos;
        volatile long lastUsedNanos;

        Tx(String id, Connections.Lease lease, long now) {
            this.id = id;
            this.lease = lease;
            this.createdNanos = now;
            this.lastUsedNanos = now;
        }
    }

    private final Connections connections;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Tx> open = new ConcurrentHashMap<>();
    private final Map<String, String> endings = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ENDINGS;
        }
    });
    private volatile Duration idleTimeout = Duration.ofMinutes(3);
    private volatile Duration maxAge = Duration.ofHours(24);

    Transactions(Connections connections) {
        this.connections = connections;
    }

    void timeouts(Duration idle, Duration age) {
        this.idleTimeout = idle;
        this.maxAge = age;
    }

    int openCount() {
        return open.size();
    }

    /** Begins a transaction on a session of its own; returns its id. */
    String begin(String database) throws SQLException {
        Connections.Lease lease = connections.acquire(database);
        try {
            lease.connection.setAutoCommit(false);
        } catch (SQLException e) {
            connections.discard(lease);
            throw e;
        }
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String id = Base64.getEncoder().encodeToString(bytes);
        open.put(id, new Tx(id, lease, System.nanoTime()));
        return id;
    }

    /** The open transaction with this id, marked busy for the caller, who must call {@link #done(Tx)}. */
    Tx use(String id) {
        expire(System.nanoTime());
        Tx tx = open.get(id);
        if (tx == null) {
            throw notFound(id);
        }
        tx.busy.acquireUninterruptibly();
        if (!open.containsKey(id)) {
            tx.busy.release();
            throw notFound(id);
        }
        tx.lastUsedNanos = System.nanoTime();
        return tx;
    }

    /** The call on {@code tx} is over. */
    void done(Tx tx) {
        tx.lastUsedNanos = System.nanoTime();
        tx.busy.release();
    }

    private ApiError notFound(String id) {
        String cause = endings.get(id);
        return ApiError.transactionNotFound(id, cause != null ? cause : EXPIRED);
    }

    /**
     * Ends a transaction the caller has in use: commits it or rolls it back, gives its session back and remembers
     * why it ended for later calls. A failed commit rolls back and is thrown.
     */
    void end(Tx tx, boolean commit, String cause) throws SQLException {
        open.remove(tx.id);
        endings.put(tx.id, cause);
        boolean healthy = false;
        try {
            if (commit) {
                tx.lease.connection.commit();
            } else {
                tx.lease.connection.rollback();
            }
            healthy = true;
        } finally {
            if (healthy) {
                connections.release(tx.lease);
            } else {
                connections.discard(tx.lease);
            }
        }
    }

    /** Rolls back every transaction idle past the timeout or older than the maximum age and not in use. */
    void expire(long now) {
        for (Tx tx : open.values()) {
            boolean idle = now - tx.lastUsedNanos > idleTimeout.toNanos();
            boolean old = now - tx.createdNanos > maxAge.toNanos();
            if ((idle || old) && tx.busy.tryAcquire()) {
                try {
                    if (open.containsKey(tx.id)) {
                        end(tx, false, EXPIRED);
                    }
                } catch (SQLException e) {
                    // the session is discarded; the server rolls the transaction back when it goes
                } finally {
                    tx.busy.release();
                }
            }
        }
    }

    /**
     * Rolls back every open transaction, for a fresh database or for shutdown. A transaction whose statement is still
     * running after a few seconds loses its session instead, which ends the transaction on the server.
     */
    void rollbackAll(String cause) {
        for (Tx tx : open.values()) {
            boolean acquired = false;
            try {
                acquired = tx.busy.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS);
                if (!acquired) {
                    open.remove(tx.id);
                    endings.put(tx.id, cause);
                    connections.discard(tx.lease);
                } else if (open.containsKey(tx.id)) {
                    end(tx, false, cause);
                }
            } catch (SQLException e) {
                // discarded with its session
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (acquired) {
                    tx.busy.release();
                }
            }
        }
    }

    @Override
    public void close() {
        rollbackAll("The local Data API was shut down");
    }
}
