package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Hooks into what the client does, for metrics and logs. Every method has an empty default, so implement only what
 * you need. Hooks run on the calling thread while the client holds its lock: keep them quick, and do not call the
 * client from them. An exception thrown by a hook is logged and otherwise ignored.
 */
public interface ServerlessMysqlListener {

    /** Why the client closed its connection. */
    enum CloseReason {
        /** {@link ServerlessMysql#quit()} closed the client for good. */
        QUIT,
        /** {@code end()} found the server above the utilization threshold and nothing it could kill. */
        UTILIZATION,
        /** The connection was found dead (killed, timed out, lost) and is replaced on the next statement. */
        DEAD,
        /** A SnapStart (CRaC) checkpoint is about to be taken; the client reconnects lazily after the restore. */
        CHECKPOINT,
        /** The server turned out read-only (1290, 1836): not the writer, as an old writer is after a failover. */
        NOT_WRITER,
        /**
         * {@code end()} found session state changed by the invocation and the driver cannot reset it
         * (COM_RESET_CONNECTION), so it closed the connection rather than let the state leak into the next one.
         */
        SESSION_STATE
    }

    /** A new connection is open; {@code connection} may be used to set session state, but not closed. */
    default void onConnect(Connection connection) {
    }

    /** Connecting failed for good: the error was not retryable, or the retries or the deadline ran out. */
    default void onConnectError(SQLException error) {
    }

    /** A connect attempt failed for lack of room (or a transient network error) and is retried after {@code delay}. */
    default void onRetry(SQLException error, int attempt, Duration delay) {
    }

    /** The client closed its connection. */
    default void onClose(CloseReason reason) {
    }

    /** An error reached the caller, or housekeeping in {@code end()} failed (which {@code end()} never throws). */
    default void onError(ServerlessMysqlException error) {
    }

    /** {@code end()} killed a sleeping session of the client's own user, idle for {@code idle}. */
    default void onKill(long threadId, Duration idle) {
    }

    /** {@code end()} could not kill a session. */
    default void onKillError(long threadId, SQLException error) {
    }

    /**
     * A statement or a whole transaction is retried after {@code delay}: after a deadlock or lock-wait timeout
     * (opt-in), or a read-only statement after its idle connection turned out to be dead.
     */
    default void onQueryRetry(SQLException error, int attempt, Duration delay) {
    }

    /**
     * {@code end()} or the release of a {@link ServerlessMysql#dataSource()} connection found a transaction still
     * open and rolled it back, so that it cannot leak into the next invocation.
     */
    default void onTransactionLeak(String detail) {
    }
}
