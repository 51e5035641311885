package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.NetworkFaults;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An Aurora failover as warm containers see it (issue 12): the writer turns read-only (1290) while new connections,
 * through stale DNS, reach the new writer. Containers writing in a loop recover on their own, and no acknowledged
 * write is lost: every write a container was told succeeded is on one of the two servers.
 */
@MySqlTest(networkFaults = true, dedicatedServer = true)
@Timeout(180)
class FailoverDbTest {

    private static final int CONTAINERS = 4;
    private static final FaultFigures RECOVERY = new FaultFigures("failover (read-only writer, new connections to the"
            + " new writer): failover to a container's first acknowledged write");

    private final MySqlDatabase db;
    private final NetworkFaults faults;

    FailoverDbTest(MySqlDatabase db, NetworkFaults faults) {
        this.db = db;
        this.faults = faults;
    }

    @AfterEach
    void writerAgain() {
        db.server().setReadOnly(false);
    }

    @AfterAll
    static void figures() {
        RECOVERY.write();
    }

    private static void exec(DataSource admin, String sql) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Set<Long> ids(DataSource admin, String database) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM `" + database + "`.writes")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void warmContainersWritingInALoopRecoverFromAFailoverAndLoseNoAcknowledgedWrite() throws Exception {
        MySqlDatabase standby = faults.standby();
        for (MySqlDatabase d : List.of(db, standby)) {
            exec(d.adminDataSource(), "CREATE TABLE IF NOT EXISTS `" + d.name() + "`.writes (id BIGINT PRIMARY KEY,"
                    + " container INT NOT NULL)");
            exec(d.adminDataSource(), "DELETE FROM `" + d.name() + "`.writes");
        }
        List<Long> acknowledged = new CopyOnWriteArrayList<>();
        AtomicLong nextId = new AtomicLong();
        AtomicLong failoverAt = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        ConcurrentHashMap<Integer, Long> recoveredAt = new ConcurrentHashMap<>();
        ConcurrentHashMap<Integer, AtomicInteger> afterFailover = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        List<Future<?>> containers = new ArrayList<>();
        for (int n = 0; n < CONTAINERS; n++) {
            int container = n;
            afterFailover.put(container, new AtomicInteger());
            containers.add(pool.submit(() -> {
                try (ServerlessMysql client = ServerlessMysql.builder().jdbcUrl(faults.jdbcUrl(TestDb.driver()))
                        .user(db.user()).password(db.password()).build()) {
                    while (!stop.get()) {
                        client.remainingTime(Duration.ofSeconds(10));
                        long id = nextId.incrementAndGet();
                        try {
                            client.update("INSERT INTO writes (id, container) VALUES (?, ?)", id, container);
                            acknowledged.add(id);
                            long at = failoverAt.get();
                            if (at != 0) {
                                recoveredAt.putIfAbsent(container, System.nanoTime());
                                afterFailover.get(container).incrementAndGet();
                            }
                        } catch (ServerlessMysqlException e) {
                            failures.incrementAndGet();
                        } finally {
                            client.end();
                        }
                    }
                }
                return null;
            }));
        }
        TestDb.await("every container wrote", Duration.ofSeconds(30), () -> acknowledged.size() >= 4 * CONTAINERS);

        db.server().setReadOnly(true);
        faults.routeTo(standby.server());
        failoverAt.set(System.nanoTime());

        TestDb.await("every container writes to the new writer", Duration.ofSeconds(60),
                () -> afterFailover.values().stream().allMatch(c -> c.get() >= 5));
        stop.set(true);
        for (Future<?> f : containers) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (long at : recoveredAt.values()) {
            RECOVERY.add((at - failoverAt.get()) / 1_000_000);
        }
        Set<Long> stored = ids(db.adminDataSource(), db.name());
        stored.addAll(ids(standby.adminDataSource(), standby.name()));
        List<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
        assertEquals(List.of(), lost, "acknowledged writes lost");
        assertEquals(CONTAINERS, recoveredAt.size(), "every container recovered on its own");
        assertEquals(0, failures.get(), "1290 is refused before anything runs, so the client re-ran each write on the"
                + " new writer instead of failing it");
        assertTrue(ids(standby.adminDataSource(), standby.name()).size() >= 5 * CONTAINERS);
    }
}
