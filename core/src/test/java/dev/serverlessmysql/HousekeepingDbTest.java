package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.DatabaseUser;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What end() does about pressure, on a server with max_connections = 12: killing this user's zombies and nobody
 * else's, closing its own connection when nothing can be killed, and caching its figures.
 */
@MySqlTest(serverVariables = {"max_connections=12"})
@Timeout(60)
class HousekeepingDbTest {

    private final MySqlDatabase db;
    private final List<Connection> held = new ArrayList<>();
    private final RecordingListener listener = new RecordingListener();

    HousekeepingDbTest(MySqlDatabase db) {
        this.db = db;
    }

    @AfterEach
    void release() {
        TestDb.closeAll(held);
    }

    private List<Long> openOwn(int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Connection c = TestDb.raw(db);
            held.add(c);
            ids.add(TestDb.connectionId(c));
        }
        return ids;
    }

    private List<Long> openAs(DatabaseUser user, int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Connection c = TestDb.raw(db, user);
            held.add(c);
            ids.add(TestDb.connectionId(c));
        }
        return ids;
    }

    /** The sessions must be idle for at least zombieMinTimeout: waiting is the point of the test, not a race. */
    private static void letThemIdle(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void underPressureKillsOnlyThisUsersSleepingZombiesAndNeverItsOwnConnection() throws Exception {
        DatabaseUser other = db.createUser();
        List<Long> theirs = openAs(other, 3);
        letThemIdle(Duration.ofMillis(1100));
        List<Long> zombies = openOwn(3);
        try (ServerlessMysql client = TestDb.client(db).connUtilization(0.4).zombieMinTimeout(Duration.ofSeconds(1))
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            letThemIdle(Duration.ofMillis(2100));
            for (int i = 0; i < 3 && listener.killed.size() < 3; i++) {
                client.end();
            }
            assertEquals(new HashSet<>(zombies), new HashSet<>(listener.killed), "exactly this user's zombies");
            assertEquals(3, client.stats().zombiesKilled());
            for (long id : theirs) {
                assertTrue(TestDb.sessionExists(db, id), "another user's session " + id + " must survive");
            }
            for (long id : zombies) {
                TestDb.await("zombie " + id + " gone", Duration.ofSeconds(5), () -> !TestDb.sessionExists(db, id));
            }
            assertEquals(own, TestDb.connectionId(client), "its own connection survives");
            assertEquals(0, client.stats().closesForUtilization());
            assertEquals(1, client.stats().connects());
        }
    }

    @Test
    void withoutPressureSweepsOnlySessionsPastZombieMaxTimeoutCappedPerEnd() throws Exception {
        DatabaseUser other = db.createUser();
        List<Long> theirs = openAs(other, 2);
        List<Long> zombies = openOwn(4);
        try (ServerlessMysql client = TestDb.client(db).connUtilization(1.0).zombieMinTimeout(Duration.ofSeconds(1))
                .zombieMaxTimeout(Duration.ofSeconds(1)).maxConnsFreq(Duration.ZERO).maxKillsPerEnd(2)
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            client.end();
            assertEquals(0, client.stats().zombiesKilled(), "nothing is idle past zombieMaxTimeout yet");
            letThemIdle(Duration.ofMillis(2100));
            client.end();
            assertEquals(2, client.stats().zombiesKilled(), "capped at maxKillsPerEnd");
            client.end();
            assertEquals(new HashSet<>(zombies), new HashSet<>(listener.killed));
            client.end();
            assertEquals(4, client.stats().zombiesKilled());
            for (long id : theirs) {
                assertTrue(TestDb.sessionExists(db, id));
            }
            assertEquals(own, TestDb.connectionId(client));
        }
    }

    @Test
    void closesItsOwnConnectionUnderPressureWhenNothingCanBeKilled() throws Exception {
        DatabaseUser other = db.createUser();
        openAs(other, 6);
        List<Long> fresh = openOwn(1);
        Connection recent = held.get(held.size() - 1);
        Connection busy = TestDb.raw(db);
        held.add(busy);
        long busyId = TestDb.connectionId(busy);
        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                TestDb.exec(busy, "SELECT SLEEP(4)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (ServerlessMysql client = TestDb.client(db).connUtilization(0.5).zombieMinTimeout(Duration.ofSeconds(2))
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            // the busy session has been running its query for longer than zombieMinTimeout when end() looks
            letThemIdle(Duration.ofMillis(2100));
            TestDb.exec(recent, "SELECT 1");
            client.end();
            assertEquals(0, client.stats().zombiesKilled(), "neither a running nor a recently used session is a zombie");
            assertEquals(1, client.stats().closesForUtilization());
            assertTrue(listener.events.contains("close UTILIZATION"), listener.events.toString());
            TestDb.await("own session closed", Duration.ofSeconds(5), () -> !TestDb.sessionExists(db, own));
            assertTrue(TestDb.sessionExists(db, busyId));
            assertTrue(TestDb.sessionExists(db, fresh.get(0)));
            assertNotEquals(own, TestDb.connectionId(client), "the next statement reconnects");
            assertEquals(2, client.stats().connects());
        }
        sleeping.join();
    }

    @Test
    void aBusySessionOfTheSameUserSurvivesBothThePressureKillAndTheSweep() throws Exception {
        DatabaseUser other = db.createUser();
        List<Long> theirs = openAs(other, 2);
        List<Long> zombies = openOwn(2);
        Connection busy = TestDb.raw(db);
        held.add(busy);
        long busyId = TestDb.connectionId(busy);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                TestDb.exec(busy, "SELECT SLEEP(5)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        RecordingListener sweepListener = new RecordingListener();
        try (ServerlessMysql pressure = TestDb.client(db).connUtilization(0.3).zombieMinTimeout(Duration.ofSeconds(1))
                .maxKillsPerEnd(1).listener(listener).build();
             ServerlessMysql sweep = TestDb.client(db).connUtilization(1.0).zombieMinTimeout(Duration.ofSeconds(1))
                .zombieMaxTimeout(Duration.ofSeconds(1)).maxConnsFreq(Duration.ZERO).maxKillsPerEnd(1)
                .listener(sweepListener).build()) {
            long pressureOwn = TestDb.connectionId(pressure);
            long sweepOwn = TestDb.connectionId(sweep);
            // the zombies, the other user's sessions and the running query all pass zombieMinTimeout meanwhile
            letThemIdle(Duration.ofMillis(2100));
            pressure.end();
            sweep.end();
            assertEquals(1, listener.killed.size(), "under pressure: " + listener.events);
            assertEquals(1, sweepListener.killed.size(), "the sweep: " + sweepListener.events);
            Set<Long> killed = new HashSet<>(listener.killed);
            killed.addAll(sweepListener.killed);
            assertEquals(new HashSet<>(zombies), killed, "exactly this user's two idle sessions");
            assertTrue(TestDb.sessionExists(db, busyId), "the session running a query");
            for (long id : theirs) {
                assertTrue(TestDb.sessionExists(db, id), "another user's idle session " + id);
            }
            assertEquals(pressureOwn, TestDb.connectionId(pressure), "the client's own connection");
            assertEquals(sweepOwn, TestDb.connectionId(sweep), "the client's own connection");
        }
        running.get(10, TimeUnit.SECONDS);
    }

    @Test
    void unknownThreadMeansAnotherClientKilledItFirstAndCountsAsSuccess() throws Exception {
        List<Long> zombies = openOwn(1);
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        driver.hook(sql -> {
            if (sql.startsWith("KILL ")) {
                TestDb.kill(db, Long.parseLong(sql.substring(5)));
            }
        });
        try (ServerlessMysql client = TestDb.client(db).driver(driver).connUtilization(0.1)
                .zombieMinTimeout(Duration.ofSeconds(1)).listener(listener).build()) {
            long own = TestDb.connectionId(client);
            letThemIdle(Duration.ofMillis(2100));
            client.end();
            assertEquals(List.of(zombies.get(0)), listener.killed);
            assertEquals(0, listener.count("killError"));
            assertEquals(0, client.stats().killErrors());
            assertEquals(0, client.stats().closesForUtilization(), "the room was freed, so it keeps its connection");
            assertEquals(own, TestDb.connectionId(client));
        }
    }

    private ServerDialect dialect() {
        return ServerDialect.of(db.serverVersion());
    }

    @Test
    void theFirstEndReadsLimitsUsageAndIdlersInOneStatementAndLaterOnesTrustIt() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql client = TestDb.client(db).driver(driver).build()) {
            client.query("SELECT 1");
            int before = driver.statements.size();
            client.end();
            assertEquals(List.of(dialect().statusSql), driver.statements.subList(before, driver.statements.size()),
                    "limits, used count and the oldest idle session in one round trip");
            for (int i = 0; i < 5; i++) {
                client.end();
            }
            assertEquals(before + 1, driver.statements.size(), "a server far from its limit is not asked again soon: "
                    + driver.statements);
        }
    }

    @Test
    void usedConnsFreqZeroAsksForTheUsedCountAtEveryEnd() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql client = TestDb.client(db).driver(driver).usedConnsFreq(Duration.ZERO).build()) {
            client.query("SELECT 1");
            client.end();
            client.end();
            client.end();
            assertEquals(3, driver.count(dialect().statusSql), "usedConnsFreq 0: asked at every end(), in the one statement"
                    + " that also brings the limits and the kill candidates");
            assertEquals(3, afterFirstQuery(driver).size(), driver.statements.toString());
        }
    }

    @Test
    void aReadingCloseToTheThresholdIsReadAgainAtEveryEndAndAFarOneIsNot() throws Exception {
        TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 10");
        try {
            InterceptingDriver far = new InterceptingDriver(TestDb.url(db));
            try (ServerlessMysql client = TestDb.client(db).driver(far).connUtilization(1.0).build()) {
                client.query("SELECT 1");
                for (int i = 0; i < 4; i++) {
                    client.end();
                }
                assertEquals(1, far.count(dialect().statusSql));
                assertEquals(1, afterFirstQuery(far).size(),
                        "1 of 10 own sessions is far from the threshold: " + far.statements);
            }
            openOwn(8);
            InterceptingDriver close = new InterceptingDriver(TestDb.url(db));
            try (ServerlessMysql client = TestDb.client(db).driver(close).connUtilization(1.0).build()) {
                client.query("SELECT 1");
                for (int i = 0; i < 4; i++) {
                    client.end();
                }
                assertEquals(4, close.count(dialect().statusSql), "9 of 10 is close to the threshold: read every time,"
                        + " with the statement that also finds kill candidates");
                assertEquals(4, afterFirstQuery(close).size(), close.statements.toString());
                assertEquals(0, client.stats().zombiesKilled() + client.stats().closesForUtilization(),
                        "close is not above: nothing is killed or closed");
            }
        } finally {
            TestDb.admin(db, "ALTER USER '" + db.user() + "'@'%' WITH MAX_USER_CONNECTIONS 0");
        }
    }

    @Test
    void aConnectThatMetNoRoomMakesTheNextEndReadTheUsedCountAgain() throws Exception {
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        // aliveBypassWindow 0: the kill below comes moments after end(), and the reconnect must see it
        try (ServerlessMysql client = TestDb.client(db).driver(driver).maxRetries(10_000).aliveBypassWindow(Duration.ZERO)
                .build()) {
            client.query("SELECT 1");
            client.end();
            client.end();
            assertEquals(1, driver.count(dialect().statusSql), "the first reading is trusted for a while");
            TestDb.kill(db, TestDb.connectionIdAsAdmin(db, db.user()));
            held.addAll(TestDb.fill(db, 50));
            CompletableFuture<Void> reconnect = CompletableFuture.runAsync(() -> client.update("DO 1"));
            TestDb.await("a connect that meets no room", Duration.ofSeconds(10), () -> client.stats().connectRetries() > 0);
            TestDb.closeAll(held);
            reconnect.get(10, TimeUnit.SECONDS);
            long statusReads = driver.count(dialect().statusSql);
            client.end();
            assertEquals(statusReads + 1, driver.count(dialect().statusSql), "no room means the cached count is stale");
            client.end();
            assertEquals(statusReads + 1, driver.count(dialect().statusSql), "and the fresh reading is trusted again");
        }
    }

    /** What the client sent after the test's first {@code SELECT 1}: the connect's own checks are not end()'s. */
    private static List<String> afterFirstQuery(InterceptingDriver driver) {
        List<String> all = driver.statements;
        return all.subList(all.indexOf("SELECT 1") + 1, all.size());
    }

    @Test
    void anEndAboveTheThresholdWithNothingOldEnoughToKillCostsOneStatement() throws Exception {
        openOwn(5);
        InterceptingDriver driver = new InterceptingDriver(TestDb.url(db));
        try (ServerlessMysql client = TestDb.client(db).driver(driver).connUtilization(0.3).listener(listener).build()) {
            for (int i = 0; i < 3; i++) {
                client.query("SELECT 1");
                int before = driver.statements.size();
                client.end();
                assertEquals(List.of(dialect().statusSql), driver.statements.subList(before, driver.statements.size()),
                        "end() #" + (i + 1) + ": 6 of 12 is above 0.3 and no session idles past zombieMinTimeout (3 s)");
            }
            assertEquals(3, client.stats().closesForUtilization(), listener.events.toString());
            assertEquals(0, client.stats().zombiesKilled());
        }
    }

    @Test
    void aPrivilegedUserStillKillsOnlyItsOwnSessions() throws Exception {
        DatabaseUser strong = db.createUser();
        TestDb.admin(db, "GRANT PROCESS, SUPER ON *.* TO '" + strong.name() + "'@'%'");
        DatabaseUser other = db.createUser();
        List<Long> theirs = openAs(other, 3);
        List<Long> zombies = openAs(strong, 2);
        try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(TestDb.url(db)).user(strong.name())
                .password(strong.password()).connUtilization(0.3).zombieMinTimeout(Duration.ofSeconds(1))
                .listener(listener).build()) {
            long own = TestDb.connectionId(client);
            letThemIdle(Duration.ofMillis(2100));
            for (int i = 0; i < 2 && listener.killed.size() < 2; i++) {
                client.end();
            }
            Set<Long> killed = new HashSet<>(listener.killed);
            assertEquals(new HashSet<>(zombies), killed, "it sees every session, yet kills only its user's");
            for (long id : theirs) {
                assertTrue(TestDb.sessionExists(db, id));
            }
            assertTrue(TestDb.sessionExists(db, own));
        }
    }
}
