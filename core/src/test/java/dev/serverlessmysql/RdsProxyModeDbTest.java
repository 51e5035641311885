package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy mode, checked against the server's own counters on a server of its own: behind RDS Proxy the process list
 * and {@code CONNECTION_ID()} describe the proxy's backend connections, so {@code end()} must not read or kill, and
 * the client must send nothing that pins a session (SET of variables, PREPARE or server-side prepares, temporary
 * tables, GET_LOCK).
 */
@MySqlTest(serverVariables = {"max_connections=12", "general_log=1", "log_output=TABLE"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RdsProxyModeDbTest {

    private static final int INVOCATIONS = 20;

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();

    RdsProxyModeDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeAll
    void schema() throws Exception {
        TestDb.admin(db, "CREATE TABLE `" + db.name() + "`.t (id INT PRIMARY KEY, v INT)");
        TestDb.admin(db, "INSERT INTO `" + db.name() + "`.t VALUES (1, 0)");
    }

    @AfterEach
    void release() {
        TestDb.closeAll(held);
    }

    /** A warm client runs INVOCATIONS invocations of one read and one write; returns what the server saw. */
    private Map<String, Long> invocations(ServerlessMysql client) throws Exception {
        try (ServerCounters counters = new ServerCounters(db)) {
            client.query("SELECT 1");
            client.end();
            Map<String, Long> before = counters.read();
            for (int i = 0; i < INVOCATIONS; i++) {
                try {
                    client.query("SELECT v FROM t WHERE id = ?", 1);
                    client.update("UPDATE t SET v = v + 1 WHERE id = ?", 1);
                } finally {
                    client.end();
                }
            }
            return ServerCounters.delta(before, counters.read());
        }
    }

    @Test
    void inProxyModeTheServerSeesOnlyTheHandlersStatementsAndNothingThatPins() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).rdsProxy(true).usedConnsFreq(Duration.ZERO)
                .maxConnsFreq(Duration.ZERO).build()) {
            Map<String, Long> d = invocations(client);
            assertEquals(2L * INVOCATIONS, d.get("Questions"), "exactly the handler's statements: " + d);
            assertEquals((long) INVOCATIONS, d.get("Com_select"), d.toString());
            for (String pinning : List.of("Com_set_option", "Com_stmt_prepare", "Com_prepare_sql", "Com_create_table",
                    "Com_kill", "Com_show_status", "Connections")) {
                assertEquals(0L, d.get(pinning), pinning + ": " + d);
            }
        }
    }

    /**
     * What the proxy tracks without pinning (RDS Proxy's list for MySQL: autocommit, NAMES and the character sets,
     * sql_mode, time_zone, the transaction's isolation level and access mode, USE), reads, and transaction control.
     */
    private static final Pattern PROXY_SAFE = Pattern.compile("(?is)\\s*(?:/\\*.*?\\*/\\s*)?(?:"
            + "SELECT\\s+(?!.*\\b(?:GET_LOCK|INTO)\\b).*"
            + "|START TRANSACTION(?: READ ONLY)?|COMMIT|ROLLBACK|DO 1|USE\\s+`[^`]+`"
            + "|SET TRANSACTION ISOLATION LEVEL [A-Z ]+"
            + "|SET (?:autocommit\\s*=\\s*[01]|NAMES \\w+|character_set_results\\s*=\\s*NULL))\\s*");

    /**
     * A proxy-mode client's whole life, seen in the server's general log: its connect (the driver's set-up and the
     * writer check), a read, transactions with and without an isolation level, a read-only one, and the session reset
     * after a handler's {@code SET}. Beside the handler's own statements it sends only what the proxy tracks. MariaDB
     * Connector/J's own connect statement sets {@code session_track_system_variables}, which is not on the proxy's list
     * (core/README.md says so and points to MySQL Connector/J): it is named here and left out.
     */
    @Test
    void inProxyModeTheClientsOwnStatementsAreAllOnesTheProxyTracks() throws Exception {
        List<String> handler = List.of("SELECT v FROM t WHERE id = 1", "UPDATE t SET v = v + 1 WHERE id = 1",
                "SELECT 1", "SET @x = 1", "SELECT 2");
        TestDb.admin(db, "TRUNCATE mysql.general_log");
        try (ServerlessMysql client = TestDb.client(db).rdsProxy(true).build()) {
            client.query("SELECT v FROM t WHERE id = ?", 1);
            client.end();
            client.transaction(tx -> tx.update("UPDATE t SET v = v + 1 WHERE id = ?", 1));
            client.transaction(TransactionOptions.defaults().isolation(IsolationLevel.REPEATABLE_READ),
                    tx -> tx.query("SELECT 1"));
            client.transaction(TransactionOptions.defaults().isolation(IsolationLevel.READ_COMMITTED).readOnly(true),
                    tx -> tx.query("SELECT 1"));
            client.end();
            client.update("SET @x = 1");
            client.end();
            client.query("SELECT 2");
            client.end();
            assertEquals(1, client.stats().sessionResets(), "the handler's SET was reset at end()");
        }
        List<String> sent = new ArrayList<>();
        try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log"
                     + " WHERE command_type = 'Query' AND user_host LIKE '" + db.user() + "[%' ORDER BY event_time")) {
            while (rs.next()) {
                sent.add(rs.getString(1));
            }
        }
        List<String> own = new ArrayList<>(sent);
        for (String h : handler) {
            assertTrue(own.remove(h), "the handler's " + h + " reached the server: " + sent);
        }
        if (TestDb.driver().equals("mariadb")) {
            assertTrue(own.get(0).startsWith("set sql_mode=") && own.get(0).contains("session_track_system_variables"),
                    own.toString());
            own.remove(0);
        }
        assertTrue(own.contains("SELECT @@global.innodb_read_only, @@global.read_only"), "the writer check: " + own);
        assertTrue(own.contains("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"), own.toString());
        for (String statement : own) {
            assertTrue(PROXY_SAFE.matcher(statement).matches(), "a statement that may pin an RDS Proxy session: "
                    + statement + "; all the client sent beside the handler's: " + own);
            assertTrue(statement.length() < 16 * 1024, statement);
        }
    }

    @Test
    void withoutProxyModeTheSameInvocationsAlsoReadTheServersUsage() throws Exception {
        try (ServerlessMysql client = TestDb.client(db).usedConnsFreq(Duration.ZERO).maxConnsFreq(Duration.ZERO)
                .build()) {
            Map<String, Long> d = invocations(client);
            assertEquals(3L * INVOCATIONS, d.get("Questions"), "one housekeeping statement per end(): " + d);
        }
    }

    @Test
    void inProxyModeEndNeverKillsAndNeverClosesUnderPressure() throws Exception {
        List<Long> zombies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = TestDb.raw(db);
            held.add(c);
            zombies.add(TestDb.connectionId(c));
        }
        RecordingListener listener = new RecordingListener();
        try (ServerlessMysql client = TestDb.client(db).rdsProxy(true).connUtilization(0.1)
                .zombieMinTimeout(Duration.ofSeconds(1)).listener(listener).build()) {
            long own = TestDb.connectionId(client);
            // past zombieMinTimeout, the three would be killed without proxy mode: the wait is the point of the test
            Thread.sleep(2100);
            client.end();
            client.end();
            assertEquals(List.of("connect"), listener.events);
            for (long id : zombies) {
                assertTrue(TestDb.sessionExists(db, id), "session " + id);
            }
            assertEquals(own, TestDb.connectionId(client));
        }
    }
}
