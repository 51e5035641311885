package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No password or token ever reaches a message, a log line or a toString(). The client logs through System.Logger,
 * whose default backend here is java.util.logging: the root logger is captured at every level, so the records of
 * every logger in the JVM (drivers that use java.util.logging included) are searched, and so is everything written
 * to the console meanwhile.
 */
@MySqlTest
@Timeout(60)
class SecretsDbTest {

    private static final String SECRET = "Hunter2-S3cret-Token";

    private final MySqlDatabase db;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("");
    private final Logger clientLogger = Logger.getLogger("dev.serverlessmysql");
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringWriter text = new StringWriter();
            text.append(String.valueOf(r.getMessage()));
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(text));
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;
    private Level previousClient;
    private PrintStream previousOut;
    private PrintStream previousErr;

    SecretsDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void captureLogs() {
        previous = logger.getLevel();
        previousClient = clientLogger.getLevel();
        logger.setLevel(Level.ALL);
        clientLogger.setLevel(Level.ALL);
        logger.addHandler(capture);
        previousOut = System.out;
        previousErr = System.err;
        System.setOut(tee(previousOut));
        System.setErr(tee(previousErr));
    }

    @AfterEach
    void stopCapturing() {
        System.setOut(previousOut);
        System.setErr(previousErr);
        logger.removeHandler(capture);
        logger.setLevel(previous);
        clientLogger.setLevel(previousClient);
    }

    /** Writes to the console as before, and to {@link #console} for the search. */
    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (console) {
                    console.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (console) {
                    console.write(b, off, len);
                }
            }
        }, true);
    }

    private void assertNoSecret(String where, String text) {
        assertFalse(text != null && text.contains(SECRET), where + " leaks the secret: " + text);
    }

    private void assertNoSecret(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertNoSecret("stack trace", trace.toString());
    }

    @Test
    void failingRunsLeakNoSecretAnywhere() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] urls = {
            TestDb.url(db) + (TestDb.url(db).contains("?") ? "&" : "?") + "password=" + SECRET,
            "jdbc:" + TestDb.driver() + "://127.0.0.1:" + port + "/app?password=" + SECRET,
        };
        for (String url : urls) {
            ServerlessMysqlBuilder builder = ServerlessMysql.builder().jdbcUrl(url).user(db.user()).password(SECRET)
                    .retryDeadline(Duration.ofMillis(300)).listener(new ServerlessMysqlListener() {
                        @Override
                        public void onConnectError(java.sql.SQLException error) {
                            throw new IllegalStateException("a broken listener");
                        }
                    });
            assertNoSecret("builder", builder.toString());
            try (ServerlessMysql client = builder.build()) {
                assertNoSecret("client", client.toString());
                assertNoSecret("data source", client.dataSource().toString());
                ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class, () -> client.query("SELECT 1"));
                assertNoSecret("message", e.getMessage());
                assertNoSecret(e);
            }
        }
        ServerlessMysqlException bad = assertThrows(ServerlessMysqlException.class, () -> ServerlessMysql.builder()
                .jdbcUrl(TestDb.url(db)).credentials(() -> Credentials.of(db.user(), SECRET)).build()
                .query("SELECT 1"));
        assertEquals(1045, bad.getErrorCode());
        assertNoSecret(bad);
        assertNoSecret("credentials", Credentials.of("u", SECRET).toString());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class, () -> ServerlessMysql.builder()
                .jdbcUrl("jdbc:nope://u:" + SECRET + "@h/db").password(SECRET).user("u").build());
        assertNoSecret("validation", invalid.getMessage());

        assertTrue(logged.stream().anyMatch(l -> l.contains("Could not connect")), "logs were captured: " + logged);
        for (String line : logged) {
            assertNoSecret("log line", line);
        }
        synchronized (console) {
            assertNoSecret("console output", console.toString());
        }
    }

    @Test
    void statementErrorsCarryTheSqlButNeverTheValues() {
        try (ServerlessMysql client = TestDb.client(db).build()) {
            ServerlessMysqlException e = assertThrows(ServerlessMysqlException.class,
                    () -> client.query("SELECT * FROM missing WHERE token = ?", SECRET));
            assertTrue(e.getMessage().contains("SELECT * FROM missing WHERE token = ?"), e.getMessage());
            assertNoSecret(e);
        }
    }

    @Test
    void theListenerSeesTheConnectionAndItsFailuresAreOnlyLogged() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).listener(new ServerlessMysqlListener() {
            @Override
            public void onConnect(Connection connection) {
                throw new IllegalStateException("listener bug");
            }
        }).build()) {
            assertEquals(1, client.query("SELECT 1").size());
            assertTrue(logged.stream().anyMatch(l -> l.contains("onConnect threw")), logged.toString());
        }
    }
}
