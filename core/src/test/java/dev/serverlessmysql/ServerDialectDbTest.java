package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The housekeeping statements of one server kind on a server that lacks what they read: a Performance Schema
 * statement that fails hands over to information_schema, and a count that comes back empty is an error, never zero.
 */
@MySqlTest
@Timeout(60)
class ServerDialectDbTest {

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();

    ServerDialectDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @AfterEach
    void release() throws Exception {
        TestDb.closeAll(held);
        TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 0");
    }

    private Housekeeper housekeeper(RecordingListener listener, ServerDialect forced) {
        Settings settings = TestDb.client(db).connUtilization(0.5).zombieMinTimeout(Duration.ofSeconds(1))
                .listener(listener).settings();
        return new Housekeeper(settings, new Events(listener, "test", settings.jdbcUrl()), new Counters(), forced);
    }

    private Connection own() throws SQLException {
        Connection c = TestDb.raw(db);
        held.add(c);
        return c;
    }

    @Test
    void whereThePerformanceSchemaProcessListIsMissingTheInformationSchemaCountsAndKills() throws Exception {
        TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 4");
        List<Long> zombies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            zombies.add(TestDb.connectionId(own()));
        }
        Connection c = own();
        RecordingListener listener = new RecordingListener();
        Housekeeper hk = housekeeper(listener, ServerDialect.MYSQL_PERFORMANCE_SCHEMA);
        // past zombieMinTimeout: the wait is what the kill needs
        Thread.sleep(2100);
        assertFalse(hk.end(c, db.user(), System.nanoTime(), false), "it killed, so it keeps its own connection");
        assertEquals(4, hk.limit());
        assertTrue(hk.perUser());
        assertTrue(!listener.killed.isEmpty() && zombies.containsAll(listener.killed), listener.events.toString());
        for (long id : listener.killed) {
            TestDb.await("zombie " + id + " gone", Duration.ofSeconds(5), () -> !TestDb.sessionExists(db, id));
        }
    }

    @Test
    void aServerWideCountThatComesBackEmptyIsAnErrorNotZero() throws Exception {
        assumeTrue(db.serverVersion().contains("MariaDB"),
                "only MariaDB, whose Performance Schema is off, leaves performance_schema.global_status empty");
        Housekeeper hk = housekeeper(new RecordingListener(), ServerDialect.MYSQL_INFORMATION_SCHEMA);
        SQLException e = assertThrows(SQLException.class, () -> hk.end(own(), db.user(), System.nanoTime(), false));
        assertTrue(e.getMessage().contains("Threads_connected was missing")
                && e.getMessage().contains("neither killed nor closed anything"), e.getMessage());
    }

    @Test
    void theDialectChosenForThisServerReadsItDirectly() throws Exception {
        Connection c = own();
        RecordingListener listener = new RecordingListener();
        Housekeeper hk = housekeeper(listener, null);
        assertFalse(hk.end(c, db.user(), System.nanoTime(), false));
        int connected = db.server().connectionCount();
        assertTrue(hk.used() > 0 && hk.used() <= connected + 5, hk.used() + " of " + connected);
        assertEquals(Integer.parseInt(db.server().variable("max_connections").trim()), hk.limit());
        assertEquals(List.of(), listener.events);
    }
}
