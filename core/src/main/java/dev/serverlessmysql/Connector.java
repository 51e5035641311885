package dev.serverlessmysql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens connections: credentials fresh from the supplier for every connection, retries with backoff on "no room"
 * and transient network errors, every other error thrown at once with its SQLState and vendor code, all within the
 * operation's deadline. Each call counts its own attempts.
 */
final class Connector {

    private static final long MIN_CONNECT_TIMEOUT_MS = 1000;

    private final Settings settings;
    private final Driver driver;
    private final Events events;
    private final Counters counters;
    private final boolean setConnectTimeout;
    private volatile String lastPassword;
    private volatile String lastUser;

    Connector(Settings settings, Events events, Counters counters) {
        this.settings = settings;
        this.driver = settings.driver();
        this.events = events;
        this.counters = counters;
        this.setConnectTimeout = !settings.jdbcUrl().toLowerCase(Locale.ROOT).contains("connecttimeout=")
                && !settings.properties().containsKey("connectTimeout");
    }

    /** Opens a connection, retrying as the settings allow; the deadline starts at {@code startNanos}. */
    Connection connect(long startNanos, long invocationEndNanos) {
        Deadline deadline = Deadline.of(startNanos, settings.retryDeadline(), invocationEndNanos);
        int failed = 0;
        Duration previous = Duration.ZERO;
        while (true) {
            Credentials credentials = credentials();
            long now = System.nanoTime();
            SQLException error;
            try {
                Connection c = driver.connect(settings.jdbcUrl(), properties(credentials, deadline.remainingNanos(now)));
                if (c == null) {
                    throw new ServerlessMysqlException("The driver " + driver.getClass().getName()
                            + " does not accept the URL " + Redact.url(settings.jdbcUrl()), (Throwable) null);
                }
                counters.connects.incrementAndGet();
                return c;
            } catch (SQLException e) {
                error = e;
            }
            failed++;
            now = System.nanoTime();
            if (!SqlErrors.isRetryableConnect(error)) {
                throw failed(error, failed, deadline, now, null);
            }
            if (failed > settings.maxRetries()) {
                throw failed(error, failed, deadline, now, "maxRetries (" + settings.maxRetries() + ") ran out");
            }
            Duration delay = delay(failed, previous);
            if (!deadline.allows(delay, now)) {
                throw failed(error, failed, deadline, now, deadline.describe() + " would pass before the next attempt");
            }
            previous = delay;
            counters.connectRetries.incrementAndGet();
            events.retry(error, failed, delay);
            sleep(delay);
        }
    }

    /** The user name of the latest connect: the one the current connection logged in with. */
    String lastUser() {
        return lastUser;
    }

    /** The password of the latest connect, only to mask it in messages. */
    String lastPassword() {
        return lastPassword;
    }

    Duration delay(int attempt, Duration previous) {
        Duration d;
        try {
            d = settings.backoff().delay(attempt, previous);
        } catch (RuntimeException e) {
            throw new ServerlessMysqlException("The backoff function threw " + e, e);
        }
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }

    static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerlessMysqlException("Interrupted while waiting to retry", e);
        }
    }

    private Credentials credentials() {
        Credentials c;
        try {
            c = settings.credentials().get();
        } catch (RuntimeException e) {
            throw new ServerlessMysqlException("The credentials supplier failed with " + e.getClass().getName()
                    + "; no connection was attempted", e);
        }
        if (c == null) {
            throw new ServerlessMysqlException("The credentials supplier returned null; no connection was attempted",
                    (Throwable) null);
        }
        lastPassword = c.password();
        lastUser = c.user();
        return c;
    }

    private Properties properties(Credentials credentials, long remainingNanos) {
        Properties p = new Properties();
        p.putAll(settings.properties());
        p.setProperty("user", credentials.user());
        if (credentials.password() != null) {
            p.setProperty("password", credentials.password());
        }
        if (setConnectTimeout) {
            long ms = Math.max(MIN_CONNECT_TIMEOUT_MS, remainingNanos / 1_000_000);
            p.setProperty("connectTimeout", Long.toString(Math.min(ms, Integer.MAX_VALUE)));
        }
        return p;
    }

    private ServerlessMysqlException failed(SQLException e, int attempts, Deadline deadline, long now, String gaveUp) {
        String user = lastUser;
        String message = "Could not connect to " + Redact.url(settings.jdbcUrl()) + (user == null ? "" : " as " + user)
                + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + deadline.elapsedMillis(now)
                + " ms" + (gaveUp == null ? (SqlErrors.isNoRoom(e) ? "" : ", not retryable") : ", gave up: " + gaveUp)
                + "): " + e.getMessage() + SqlErrors.codes(e);
        message = Redact.secret(message, lastPassword);
        events.connectError(e, message);
        return new ServerlessMysqlException(message, e);
    }
}
