package dev.serverlessmysql;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Sends each event to the listener (never letting a listener's exception through) and to the
 * {@code dev.serverlessmysql} {@link System.Logger}. Nothing is logged on the happy path, so the logging system is
 * not even initialised by a client that only connects and runs statements: that keeps cold starts short.
 */
final class Events {

    private final ServerlessMysqlListener listener;
    private final String configuredName;
    private final String jdbcUrl;
    private String name;

    Events(ServerlessMysqlListener listener, String configuredName, String jdbcUrl) {
        this.listener = listener;
        this.configuredName = configuredName;
        this.jdbcUrl = jdbcUrl;
    }

    /** The client's name in log lines: the configured one, or the URL without credentials, made on first use. */
    String name() {
        String n = name;
        if (n == null) {
            n = configuredName != null ? configuredName : Redact.url(jdbcUrl);
            name = n;
        }
        return n;
    }

    void connect(Connection c) {
        try {
            listener.onConnect(c);
        } catch (RuntimeException e) {
            listenerFailed("onConnect", e);
        }
    }

    void connectError(SQLException e, String message) {
        log(Level.WARNING, message, null);
        try {
            listener.onConnectError(e);
        } catch (RuntimeException x) {
            listenerFailed("onConnectError", x);
        }
    }

    void retry(SQLException e, int attempt, Duration delay) {
        log(Level.DEBUG, "connect attempt " + attempt + " failed: " + e.getMessage() + SqlErrors.codes(e) + "; retrying in "
                + delay.toMillis() + " ms", null);
        try {
            listener.onRetry(e, attempt, delay);
        } catch (RuntimeException x) {
            listenerFailed("onRetry", x);
        }
    }

    void close(ServerlessMysqlListener.CloseReason reason) {
        if (reason != ServerlessMysqlListener.CloseReason.QUIT) {
            log(Level.DEBUG, "closed the connection: " + reason, null);
        }
        try {
            listener.onClose(reason);
        } catch (RuntimeException x) {
            listenerFailed("onClose", x);
        }
    }

    void error(ServerlessMysqlException e, boolean housekeeping) {
        if (housekeeping) {
            log(Level.WARNING, e.getMessage(), null);
        }
        try {
            listener.onError(e);
        } catch (RuntimeException x) {
            listenerFailed("onError", x);
        }
    }

    void kill(long id, Duration idle) {
        log(Level.DEBUG, "killed sleeping session " + id + " of this user, idle " + idle.toSeconds() + " s", null);
        try {
            listener.onKill(id, idle);
        } catch (RuntimeException x) {
            listenerFailed("onKill", x);
        }
    }

    void killError(long id, SQLException e) {
        log(Level.WARNING, "could not kill session " + id + ": " + e.getMessage() + SqlErrors.codes(e), null);
        try {
            listener.onKillError(id, e);
        } catch (RuntimeException x) {
            listenerFailed("onKillError", x);
        }
    }

    void queryRetry(SQLException e, int attempt, Duration delay) {
        log(Level.DEBUG, "retry " + attempt + " in " + delay.toMillis() + " ms after: " + e.getMessage()
                + SqlErrors.codes(e), null);
        try {
            listener.onQueryRetry(e, attempt, delay);
        } catch (RuntimeException x) {
            listenerFailed("onQueryRetry", x);
        }
    }

    void transactionLeak(String detail) {
        log(Level.WARNING, detail, null);
        try {
            listener.onTransactionLeak(detail);
        } catch (RuntimeException x) {
            listenerFailed("onTransactionLeak", x);
        }
    }

    void log(Level level, String message, Throwable error) {
        System.Logger logger = LoggerHolder.LOGGER;
        if (logger.isLoggable(level)) {
            if (error == null) {
                logger.log(level, name() + ": " + message);
            } else {
                logger.log(level, name() + ": " + message, error);
            }
        }
    }

    private void listenerFailed(String hook, RuntimeException e) {
        log(Level.WARNING, "the listener's " + hook + " threw " + e.getClass().getName() + "; ignored", e);
    }

    /** Created on the first log call only. */
    private static final class LoggerHolder {
        static final System.Logger LOGGER = System.getLogger("dev.serverlessmysql");
    }
}
