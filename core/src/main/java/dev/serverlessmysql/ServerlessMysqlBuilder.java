package dev.serverlessmysql;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Settings for a {@link ServerlessMysql} client. The defaults are serverless-mysql's. Nothing is checked until
 * {@link #build()}, which reports every wrong value at once, naming each setting and its allowed range.
 */
public final class ServerlessMysqlBuilder {

    private String jdbcUrl;
    private String user;
    private String password;
    private Supplier<Credentials> credentials;
    private final Properties properties = new Properties();
    private Driver driver;
    private String name;
    private double connUtilization = 0.8;
    private Duration maxConnsFreq = Duration.ofSeconds(15);
    private Duration usedConnsFreq = Duration.ofSeconds(10);
    private Duration zombieMinTimeout = Duration.ofSeconds(3);
    private Duration zombieMaxTimeout = Duration.ofSeconds(900);
    private int maxRetries = 50;
    private Backoff backoff;
    private int maxQueryRetries;
    private boolean manageConnections = true;
    private ServerlessMysqlListener listener = new ServerlessMysqlListener() { };
    private Duration retryDeadline = Duration.ofSeconds(30);
    private Duration remainingTimeMargin = Duration.ofMillis(500);
    private int maxKillsPerEnd = 10;
    private boolean validateAfterEnd = true;
    private Duration validateAfterIdle = Duration.ofMillis(500);
    private Duration aliveBypassWindow = Duration.ofMillis(500);
    private boolean checkpointHook = true;
    private Duration networkTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private boolean requireWriter = true;
    private Boolean rdsProxy;
    private boolean fromEnvironment;

    ServerlessMysqlBuilder() {
    }

    /** The JDBC URL, for example {@code jdbc:mysql://host:3306/app} or {@code jdbc:mariadb://host:3306/app}. */
    public ServerlessMysqlBuilder jdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        return this;
    }

    /** The database user. */
    public ServerlessMysqlBuilder user(String user) {
        this.user = user;
        return this;
    }

    /** The password. It never appears in a message, a log line or a {@code toString()}. */
    public ServerlessMysqlBuilder password(String password) {
        this.password = password;
        return this;
    }

    /**
     * Where the credentials come from instead of {@link #user(String)} and {@link #password(String)}: called once
     * for every new connection (not once per attempt), so that IAM auth tokens (valid 15 minutes, checked only at
     * connect) or secrets rotated in Secrets Manager are always current. After an access-denied error (1045) it is
     * asked once more, through {@link CredentialsSupplier#refresh(Credentials)} when it is one, before the connect
     * fails.
     */
    public ServerlessMysqlBuilder credentials(Supplier<Credentials> credentials) {
        this.credentials = credentials;
        return this;
    }

    /** A driver property, for example {@code sslMode} or {@code connectTimeout}; URL parameters work too. */
    public ServerlessMysqlBuilder property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    /** The driver to use, instead of the one {@link DriverManager} finds for the URL. */
    public ServerlessMysqlBuilder driver(Driver driver) {
        this.driver = driver;
        return this;
    }

    /** A name for this client in log lines; defaults to the URL without credentials. */
    public ServerlessMysqlBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Above this ratio of used to allowed connections, {@code end()} cleans up; in (0, 1], default 0.8. */
    public ServerlessMysqlBuilder connUtilization(double connUtilization) {
        this.connUtilization = connUtilization;
        return this;
    }

    /** How long the server's connection limit is cached; default 15 s. */
    public ServerlessMysqlBuilder maxConnsFreq(Duration maxConnsFreq) {
        this.maxConnsFreq = maxConnsFreq;
        return this;
    }

    /**
     * The longest time a reading of the used-connections count is trusted; default 10 s. The reading is trusted for
     * less the closer it was to {@code connUtilization}, not at all when it was close, and never after a connect that
     * met "no room"; 0 reads it at every {@code end()}, as serverless-mysql's default does.
     */
    public ServerlessMysqlBuilder usedConnsFreq(Duration usedConnsFreq) {
        this.usedConnsFreq = usedConnsFreq;
        return this;
    }

    /** Sessions idle less than this are never killed; default 3 s, at least 1 s. */
    public ServerlessMysqlBuilder zombieMinTimeout(Duration zombieMinTimeout) {
        this.zombieMinTimeout = zombieMinTimeout;
        return this;
    }

    /** Sessions of this user idle longer than this are killed even without pressure; default 900 s. */
    public ServerlessMysqlBuilder zombieMaxTimeout(Duration zombieMaxTimeout) {
        this.zombieMaxTimeout = zombieMaxTimeout;
        return this;
    }

    /** How many times a connect refused for lack of room is retried; default 50. */
    public ServerlessMysqlBuilder maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /** The wait between retries; default {@code Backoff.fullJitter(2 ms, 100 ms)}. */
    public ServerlessMysqlBuilder backoff(Backoff backoff) {
        this.backoff = backoff;
        return this;
    }

    /**
     * How many times a single statement outside a transaction is retried after a deadlock or lock-wait timeout,
     * which rolled back only that statement; default 0. Transactions opt in per call with
     * {@link TransactionOptions#retryOnDeadlock(int)}.
     */
    public ServerlessMysqlBuilder maxQueryRetries(int maxQueryRetries) {
        this.maxQueryRetries = maxQueryRetries;
        return this;
    }

    /** When false, {@code end()} only rolls back a leaked transaction and does no housekeeping; default true. */
    public ServerlessMysqlBuilder manageConnections(boolean manageConnections) {
        this.manageConnections = manageConnections;
        return this;
    }

    /** Hooks for metrics and logs. */
    public ServerlessMysqlBuilder listener(ServerlessMysqlListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * The longest one operation may spend retrying, connect attempts included, counted from its first failure;
     * default 30 s. An invocation's remaining time, given with
     * {@link ServerlessMysql#remainingTime(java.util.function.IntSupplier)}, shortens it.
     */
    public ServerlessMysqlBuilder retryDeadline(Duration retryDeadline) {
        this.retryDeadline = retryDeadline;
        return this;
    }

    /** How much of the invocation's remaining time retries leave unused, for the handler to answer; default 500 ms. */
    public ServerlessMysqlBuilder remainingTimeMargin(Duration remainingTimeMargin) {
        this.remainingTimeMargin = remainingTimeMargin;
        return this;
    }

    /** The most sessions one {@code end()} kills; default 10, 0 to never kill. */
    public ServerlessMysqlBuilder maxKillsPerEnd(int maxKillsPerEnd) {
        this.maxKillsPerEnd = maxKillsPerEnd;
        return this;
    }

    /**
     * Whether the first statement after {@code end()} checks the connection with a ping, because a Lambda container
     * may be frozen between invocations and its connection killed meanwhile; default true. The ping is skipped when
     * the connection proved alive within {@link #aliveBypassWindow(Duration)}.
     */
    public ServerlessMysqlBuilder validateAfterEnd(boolean validateAfterEnd) {
        this.validateAfterEnd = validateAfterEnd;
        return this;
    }

    /** A connection idle at least this long is checked with a ping before its next statement; default 500 ms. */
    public ServerlessMysqlBuilder validateAfterIdle(Duration validateAfterIdle) {
        this.validateAfterIdle = validateAfterIdle;
        return this;
    }

    /**
     * After {@code end()}, a connection that proved alive less than this long ago (on both the monotonic and the wall
     * clock, so a frozen-and-thawed container counts as idle) is used without a ping; default 500 ms, as HikariCP's
     * aliveBypassWindowMs. {@link Duration#ZERO} pings after every {@code end()}.
     */
    public ServerlessMysqlBuilder aliveBypassWindow(Duration aliveBypassWindow) {
        this.aliveBypassWindow = aliveBypassWindow;
        return this;
    }

    /** Whether to close the connection before a SnapStart (CRaC) checkpoint when org.crac is present; default true. */
    public ServerlessMysqlBuilder checkpointHook(boolean checkpointHook) {
        this.checkpointHook = checkpointHook;
        return this;
    }

    /**
     * The longest any network wait may last when the invocation's remaining time is not known (see
     * {@link ServerlessMysql#remainingTime(java.util.function.IntSupplier)}, which bounds it further): every read of
     * a statement's reply, a ping, {@code end()}'s queries; default 30 s. A statement that gets no answer in time is
     * a lost connection: it is discarded, and the caller gets a {@link ConnectionLostException}.
     */
    public ServerlessMysqlBuilder networkTimeout(Duration networkTimeout) {
        this.networkTimeout = networkTimeout;
        return this;
    }

    /**
     * The longest one connect attempt may take, for the TCP connect and again for the handshake's replies; default
     * 5 s. Attempts are retried within the retry deadline and the invocation's remaining time, so one black-holed
     * attempt never eats the whole budget. A {@code connectTimeout} driver property or URL parameter, when set, is
     * used for the TCP connect instead.
     */
    public ServerlessMysqlBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    /**
     * Whether every new connection must reach a writer; default true. The client reads {@code @@innodb_read_only}
     * and {@code @@read_only} once per connection, and treats a read-only server (an Aurora writer demoted by a
     * failover, still behind cached DNS) as a failed attempt: it reconnects with backoff until it reaches the new
     * writer. Set it false for a client meant for a reader endpoint.
     */
    public ServerlessMysqlBuilder requireWriter(boolean requireWriter) {
        this.requireWriter = requireWriter;
        return this;
    }

    /**
     * Whether the client talks to the database through RDS Proxy. Proxy mode is on by default when every host of the
     * URL is an RDS Proxy endpoint ({@code *.proxy-*.<region>.rds.amazonaws.com}); set it for a proxy behind a DNS
     * name of your own. In proxy mode {@code end()} never reads the process list and never kills (behind the proxy
     * both describe its backend connections, not yours), and the client sends none of the statements that pin a
     * session to one backend connection.
     */
    public ServerlessMysqlBuilder rdsProxy(boolean rdsProxy) {
        this.rdsProxy = rdsProxy;
        return this;
    }

    /** Reads {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} from the process environment. */
    public ServerlessMysqlBuilder fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** Reads {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} (optional) through {@code variables}. */
    public ServerlessMysqlBuilder fromEnvironment(Function<String, String> variables) {
        this.fromEnvironment = true;
        this.jdbcUrl = variables.apply("DB_URL");
        this.user = variables.apply("DB_USER");
        this.password = variables.apply("DB_PASSWORD");
        return this;
    }

    /**
     * Checks every setting and makes the client. It does not connect: the first statement does.
     *
     * @throws IllegalArgumentException naming every wrong setting and its allowed range
     */
    public ServerlessMysql build() {
        return new ServerlessMysql(settings());
    }

    /** Checks every setting and freezes them, as {@link #build()} does, without making a client. */
    Settings settings() {
        List<String> problems = new ArrayList<>();
        checkUrl(problems);
        if (credentials != null && (user != null || password != null)) {
            problems.add("credentials and user/password are both set; use one or the other");
        } else if (credentials == null && (user == null || user.isBlank())) {
            problems.add(fromEnvironment ? "user is required: the environment variable DB_USER is not set"
                    : "user is required (or a credentials supplier)");
        }
        if (!(connUtilization > 0 && connUtilization <= 1)) {
            problems.add("connUtilization must be greater than 0 and at most 1, was " + connUtilization);
        }
        checkDuration(problems, "maxConnsFreq", maxConnsFreq, Duration.ZERO, Duration.ofDays(1));
        checkDuration(problems, "usedConnsFreq", usedConnsFreq, Duration.ZERO, Duration.ofDays(1));
        checkDuration(problems, "zombieMinTimeout", zombieMinTimeout, Duration.ofSeconds(1), Duration.ofDays(365));
        checkDuration(problems, "zombieMaxTimeout", zombieMaxTimeout, Duration.ofSeconds(1), Duration.ofDays(365));
        if (zombieMinTimeout != null && zombieMaxTimeout != null && zombieMaxTimeout.compareTo(zombieMinTimeout) < 0) {
            problems.add("zombieMaxTimeout must be at least zombieMinTimeout (" + zombieMinTimeout.toMillis()
                    + " ms), was " + zombieMaxTimeout.toMillis() + " ms");
        }
        checkInt(problems, "maxRetries", maxRetries, 0, 10_000);
        checkInt(problems, "maxQueryRetries", maxQueryRetries, 0, 1_000);
        checkInt(problems, "maxKillsPerEnd", maxKillsPerEnd, 0, 1_000);
        checkDuration(problems, "retryDeadline", retryDeadline, Duration.ofMillis(1), Duration.ofMinutes(15));
        checkDuration(problems, "remainingTimeMargin", remainingTimeMargin, Duration.ZERO, Duration.ofMinutes(15));
        checkDuration(problems, "validateAfterIdle", validateAfterIdle, Duration.ZERO, Duration.ofDays(1));
        checkDuration(problems, "aliveBypassWindow", aliveBypassWindow, Duration.ZERO, Duration.ofMinutes(1));
        checkDuration(problems, "networkTimeout", networkTimeout, Duration.ofMillis(100), Duration.ofMinutes(15));
        checkDuration(problems, "connectTimeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(15));
        if (listener == null) {
            problems.add("listener must not be null");
        }
        boolean proxy = rdsProxy != null ? rdsProxy : problems.isEmpty() && RdsProxy.detect(jdbcUrl);
        if (proxy && problems.isEmpty()) {
            String pinning = RdsProxy.pinningProblem(jdbcUrl, properties);
            if (pinning != null) {
                problems.add(pinning);
            }
        }
        Driver found = problems.isEmpty() ? findDriver(problems) : null;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid ServerlessMysql settings: " + String.join("; ", problems));
        }
        Supplier<Credentials> creds = credentials != null ? credentials : new FixedCredentials(new Credentials(user, password));
        Properties props = new Properties();
        props.putAll(properties);
        Settings settings = new Settings(jdbcUrl, found, creds, props, name,
                connUtilization, maxConnsFreq, usedConnsFreq, zombieMinTimeout, zombieMaxTimeout, maxRetries,
                backoff != null ? backoff : Backoff.fullJitter(Duration.ofMillis(2), Duration.ofMillis(100)),
                maxQueryRetries, manageConnections, listener, retryDeadline, remainingTimeMargin, maxKillsPerEnd,
                validateAfterEnd, validateAfterIdle, aliveBypassWindow, checkpointHook, proxy, networkTimeout, connectTimeout,
                requireWriter);
        return settings;
    }

    private void checkUrl(List<String> problems) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            problems.add(fromEnvironment
                    ? "jdbcUrl is required: the environment variable DB_URL is not set; set it to a JDBC URL such as"
                            + " jdbc:mysql://host:3306/app"
                    : "jdbcUrl is required, for example jdbc:mysql://host:3306/app");
        } else if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            problems.add("jdbcUrl must start with jdbc:, for example jdbc:mysql://host:3306/app, was "
                    + Redact.url(jdbcUrl));
        } else if (!isMySqlUrl(jdbcUrl)) {
            problems.add("jdbcUrl " + Redact.url(jdbcUrl) + " is not a MySQL URL: this client works only with MySQL 8,"
                    + " Aurora MySQL and MariaDB, through MySQL Connector/J (jdbc:mysql://host:3306/app) or MariaDB"
                    + " Connector/J (jdbc:mariadb://host:3306/app); for tests without a server, use"
                    + " serverless-mysql-test's @MySqlTest, which starts a real MySQL-compatible one");
        }
    }

    /** The URL prefixes of the drivers this client speaks through. */
    private static final String[] MYSQL_URL_PREFIXES = {
        "jdbc:mysql:", "jdbc:mariadb:", "jdbc:aws-wrapper:mysql:", "jdbc:aws-wrapper:mariadb:"
    };

    private static boolean isMySqlUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String prefix : MYSQL_URL_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Driver findDriver(List<String> problems) {
        try {
            if (driver != null) {
                if (!driver.acceptsURL(jdbcUrl)) {
                    problems.add("jdbcUrl " + Redact.url(jdbcUrl) + " is not accepted by the driver "
                            + driver.getClass().getName());
                    return driver;
                }
                checkParses(driver, problems);
                return driver;
            }
            Driver found = DriverManager.getDriver(jdbcUrl);
            checkParses(found, problems);
            return found;
        } catch (SQLException e) {
            problems.add("jdbcUrl " + Redact.url(jdbcUrl) + " is not accepted by any JDBC driver on the classpath;"
                    + " add com.mysql:mysql-connector-j (jdbc:mysql:) or org.mariadb.jdbc:mariadb-java-client"
                    + " (jdbc:mariadb:), and check the URL's spelling");
            return null;
        }
    }

    /**
     * Lets the driver parse the URL and properties without connecting: a malformed URL (a port that is no number, an
     * unknown sslMode) would otherwise fail at the first connect, where some drivers report it as a connection error
     * (SQLState 08001) that looks worth retrying.
     */
    private void checkParses(Driver d, List<String> problems) {
        try {
            d.getPropertyInfo(jdbcUrl, properties);
        } catch (SQLFeatureNotSupportedException e) {
            // this driver cannot check without connecting; the first connect will
        } catch (SQLException e) {
            String why = Redact.secret(Redact.url(e.getMessage()), password);
            problems.add("jdbcUrl " + Redact.url(jdbcUrl) + " is malformed: " + why + "; fix the URL or the property");
        }
    }

    private static void checkDuration(List<String> problems, String setting, Duration value, Duration min, Duration max) {
        if (value == null) {
            problems.add(setting + " must not be null");
        } else if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(setting + " must be between " + describe(min) + " and " + describe(max) + ", was "
                    + describe(value));
        }
    }

    private static void checkInt(List<String> problems, String setting, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(setting + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static String describe(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Shows the URL without credentials; never the password. */
    @Override
    public String toString() {
        return "ServerlessMysqlBuilder[" + Redact.url(jdbcUrl) + ", user=" + user + "]";
    }

    /**
     * The user and password set on the builder; a plain class rather than a lambda, to keep cold starts lean. The
     * connector knows it: fixed credentials have nothing fresher to offer after a refusal.
     */
    static final class FixedCredentials implements Supplier<Credentials> {
        private final Credentials credentials;

        FixedCredentials(Credentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Credentials get() {
            return credentials;
        }

        @Override
        public String toString() {
            return credentials.toString();
        }
    }
}
