package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.DatabaseUser;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under a per-account limit (MAX_USER_CONNECTIONS 4 on a server of 20), end() compares the user's own sessions with
 * that limit, whatever the rest of the server does.
 */
@MySqlTest(serverVariables = {"max_connections=20"})
class PerUserLimitDbTest {

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    PerUserLimitDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void limitTheUser() throws Exception {
        TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 4");
    }

    @AfterEach
    void release() throws Exception {
        TestDb.closeAll(held);
        TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 0");
    }

    @Test
    void aBusyServerDoesNotMatterWhenTheUserIsFarFromItsOwnLimit() throws Exception {
        DatabaseUser other = db.createUser();
        for (int i = 0; i < 16; i++) {
            held.add(TestDb.raw(db, other));
        }
        try (ServerlessMysql client = TestDb.client(db).connUtilization(0.8).zombieMinTimeout(Duration.ofSeconds(1))
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            client.end();
            assertEquals(0, client.stats().closesForUtilization(), "1 of 4 is no pressure, 17 of 20 is not ours");
            assertEquals(0, client.stats().zombiesKilled());
            assertEquals(own, TestDb.connectionId(client));
        }
    }

    @Test
    void atItsOwnLimitTheUserKillsItsZombies() throws Exception {
        List<Long> zombies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = TestDb.raw(db);
            held.add(c);
            zombies.add(TestDb.connectionId(c));
        }
        try (ServerlessMysql client = TestDb.client(db).connUtilization(0.5).zombieMinTimeout(Duration.ofSeconds(1))
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            // the sessions must sit idle past zombieMinTimeout: the wait is what is being tested
            Thread.sleep(2100);
            for (int i = 0; i < 3 && listener.killed.size() < 2; i++) {
                client.end();
            }
            assertTrue(new HashSet<>(zombies).containsAll(listener.killed), listener.killed.toString());
            assertTrue(listener.killed.size() >= 2, "4 of 4, then 3 of 4 are above 0.5: " + listener.killed);
            assertEquals(own, TestDb.connectionId(client));
        }
    }

    @Test
    void connectingAtTheUsersLimitIsRetriedUntilASessionCloses() throws Exception {
        for (int i = 0; i < 4; i++) {
            held.add(TestDb.raw(db));
        }
        try (ServerlessMysql client = TestDb.client(db).maxRetries(10_000).listener(listener).build()) {
            CompletableFuture<Long> id = CompletableFuture.supplyAsync(() -> TestDb.connectionId(client));
            TestDb.await("retries at the user limit", Duration.ofSeconds(10), () -> listener.count("retry") >= 2);
            assertTrue(listener.events.get(0).matches("retry 1 (1203|1226)"), listener.events.toString());
            held.remove(0).close();
            assertTrue(id.get(10, TimeUnit.SECONDS) > 0);
        }
    }
}
