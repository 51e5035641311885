package dev.serverlessmysql;

import java.sql.SQLException;

/**
 * The connection died while a statement or a transaction was using it. The client replaces the connection on the
 * next call, but never re-runs a statement that may have written and never carries a transaction over to a new
 * connection: the message says what is known about the outcome.
 */
public final class ConnectionLostException extends ServerlessMysqlException {

    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    ConnectionLostException(String message, SQLException cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * Whether the failed work may have been applied: true for a write or a COMMIT that was sent but not answered,
     * false when the server certainly rolled it back (a transaction lost before its commit).
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
