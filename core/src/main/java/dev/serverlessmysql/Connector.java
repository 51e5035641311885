package dev.serverlessmysql;

import dev.serverlessmysql.RetryLoop.Retry;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Opens connections, through the client's {@link RetryLoop}, within the operation's deadline:
 * <ul>
 *   <li>the credentials supplier is asked once per connect, not once per attempt; after an access-denied error
 *       (1045) it is asked once more for fresh credentials ({@link CredentialsSupplier#refresh(Credentials)}), which
 *       cures a rotated secret or an expired cached token;</li>
 *   <li>every attempt is bounded by {@code connectTimeout} and by the time left, for the TCP connect
 *       ({@code connectTimeout}) and for the handshake's reads ({@code socketTimeout}) alike;</li>
 *   <li>"no room", transient network errors (refused, reset, timed out, a failed DNS lookup, a TLS handshake cut
 *       off) and a server that turns out read-only are retried with backoff; a configuration error (public key
 *       retrieval, an unsupported authentication plugin, an unknown database, TLS settings that cannot work) fails
 *       at once with the fix in the message;</li>
 *   <li>with {@code requireWriter} (the default) a new connection must reach a writer: {@code @@innodb_read_only}
 *       and {@code @@read_only} are read once per connection, and a read-only server (a demoted writer behind stale
 *       DNS, a reader endpoint) counts as a failed attempt.</li>
 * </ul>
 */
final class Connector {

    /** One query per new connection: whether this server accepts writes. Portable across MySQL and MariaDB. */
    static final String WRITER_SQL = "SELECT @@global.innodb_read_only, @@global.read_only";

    private final Settings settings;
    private final Driver driver;
    private final Events events;
    private final Counters counters;
    private final RetryLoop loop;
    private final TimeBudget budget;
    private final boolean userConnectTimeout;
    private volatile String lastPassword;
    private volatile String lastUser;

    Connector(Settings settings, Events events, Counters counters, RetryLoop loop, TimeBudget budget) {
        this.settings = settings;
        this.driver = settings.driver();
        this.events = events;
        this.counters = counters;
        this.loop = loop;
        this.budget = budget;
        this.userConnectTimeout = settings.jdbcUrl().toLowerCase(Locale.ROOT).contains("connecttimeout=")
                || settings.properties().containsKey("connectTimeout");
    }

    /** Opens a connection, retrying as the settings allow; the deadline starts at {@code startNanos}. */
    Connection connect(long startNanos) {
        Deadline deadline = budget.deadline(startNanos);
        return loop.run(new Attempts(deadline), deadline);
    }

    /** The user name of the latest connect: the one the current connection logged in with. */
    String lastUser() {
        return lastUser;
    }

    /** The password of the latest connect, only to mask it in messages. */
    String lastPassword() {
        return lastPassword;
    }

    /** The attempts of one connect. */
    private final class Attempts implements RetryLoop.Operation<Connection> {
        private final Deadline deadline;
        private Credentials credentials;
        private boolean refreshed;

        Attempts(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public Connection attempt() throws Retry {
            if (credentials == null) {
                credentials = credentials(null);
            }
            long now = System.nanoTime();
            int ms = budget.connectAttemptMillis(deadline, now);
            Connection c;
            try {
                c = driver.connect(settings.jdbcUrl(), properties(credentials, ms));
            } catch (SQLException e) {
                throw retryOrFail(Failure.ofConnect(e));
            }
            if (c == null) {
                throw new ServerlessMysqlException("The driver " + driver.getClass().getName()
                        + " does not accept the URL " + Redact.url(settings.jdbcUrl()), (Throwable) null);
            }
            if (settings.requireWriter()) {
                checkWriter(c);
            }
            counters.connects.incrementAndGet();
            return c;
        }

        private void checkWriter(Connection c) throws Retry {
            SQLException readOnly;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(WRITER_SQL)) {
                if (!rs.next() || (rs.getLong(1) == 0 && rs.getLong(2) == 0)) {
                    return;
                }
                readOnly = new SQLException("The server is read-only (@@innodb_read_only = " + rs.getLong(1)
                        + ", @@read_only = " + rs.getLong(2) + "): not the writer. After a failover the old writer"
                        + " comes back read-only while DNS may still point at it", "HY000", Failure.READ_ONLY_SERVER);
            } catch (SQLException e) {
                close(c);
                Failure f = Failure.ofConnect(e);
                throw retryOrFail(f.kind() == Failure.Kind.STATEMENT && SqlErrors.isConnectionLost(e, c)
                        ? Failure.ofConnect(new SQLException(e.getMessage(), "08000", e)) : f);
            }
            close(c);
            throw retryOrFail(Failure.notWriter(readOnly));
        }

        private Retry retryOrFail(Failure f) {
            switch (f.kind()) {
                case NO_ROOM:
                case TRANSIENT:
                case NOT_WRITER:
                    return new Retry(f, false, settings.maxRetries(), "maxRetries");
                case ACCESS_DENIED:
                    if (!refreshed && !(settings.credentials() instanceof ServerlessMysqlBuilder.FixedCredentials)) {
                        refreshed = true;
                        credentials = credentials(credentials);
                        return new Retry(f, true, settings.maxRetries(), "maxRetries");
                    }
                    throw failed(f, 1 + (refreshed ? 1 : 0), null);
                default:
                    throw failed(f, 1, null);
            }
        }

        @Override
        public RuntimeException exhausted(Retry retry, int attempts, String why) {
            return failed(retry.failure, attempts, why);
        }

        @Override
        public void retrying(Retry retry, int attempt, Duration delay) {
            counters.connectRetries.incrementAndGet();
            events.retry(retry.failure.error(), attempt, delay);
        }

        private ServerlessMysqlException failed(Failure f, int attempts, String gaveUp) {
            SQLException e = f.error();
            String user = lastUser;
            long now = System.nanoTime();
            String why = gaveUp != null ? ", gave up: " + gaveUp
                    : f.kind() == Failure.Kind.ACCESS_DENIED && refreshed ? ", not retryable: refused again with fresh"
                            + " credentials from the supplier"
                    : f.kind() == Failure.Kind.NO_ROOM ? "" : ", not retryable";
            String message = "Could not connect to " + Redact.url(settings.jdbcUrl())
                    + (user == null ? "" : " as " + user) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + " in " + deadline.elapsedMillis(now) + " ms" + why + "): " + e.getMessage() + SqlErrors.codes(e)
                    + (f.fix() != null ? ". Fix: " + f.fix() : "")
                    + (Failure.hasCause(e, java.net.UnknownHostException.class) ? ". The host name could not be"
                            + " resolved: check it, and the DNS of the function's VPC" : "")
                    + (f.timedOut() ? ". Each attempt waited at most connectTimeout" : "");
            message = Redact.secret(message, lastPassword);
            events.connectError(e, message);
            return new ServerlessMysqlException(message, e);
        }
    }

    /** The supplier's credentials; {@code rejected} non-null: fresh ones after the server refused those. */
    private Credentials credentials(Credentials rejected) {
        Supplier<Credentials> supplier = settings.credentials();
        Credentials c;
        try {
            c = rejected != null && supplier instanceof CredentialsSupplier
                    ? ((CredentialsSupplier) supplier).refresh(rejected) : supplier.get();
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

    private Properties properties(Credentials credentials, int attemptMillis) {
        Properties p = new Properties();
        p.putAll(settings.properties());
        DriverAdapter.addProperties(settings.jdbcUrl(), p);
        p.setProperty("user", credentials.user());
        if (credentials.password() != null) {
            p.setProperty("password", credentials.password());
        }
        if (!userConnectTimeout) {
            p.setProperty("connectTimeout", Integer.toString(attemptMillis));
        }
        // the handshake's reads: without this a black-holed server holds the attempt forever
        p.setProperty("socketTimeout", Integer.toString(attemptMillis));
        return p;
    }

    private static void close(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // dropped either way
            }
        }
    }
}
