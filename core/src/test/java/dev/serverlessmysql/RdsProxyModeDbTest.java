package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
@MySqlTest(serverVariables = {"max_connections=12"})
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
