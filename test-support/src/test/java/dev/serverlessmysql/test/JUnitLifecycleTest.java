package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JUnit side of {@link MySqlTest}: {@code @Nested} settings, the end of a class, and parallel execution. The
 * fixtures here also run on the oldest and newest JUnit versions in {@link JUnitVersionsTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JUnitLifecycleTest {

    /** What the fixtures saw, by role; they also print it when a child JVM asks, for {@link JUnitVersionsTest}. */
    static final Map<String, MySqlDatabase> SEEN = new ConcurrentHashMap<>();
    static final AtomicBoolean OVERLAPPED = new AtomicBoolean();
    static volatile CyclicBarrier bothRunning = new CyclicBarrier(2);

    static final Map<String, String> PARALLEL = Map.of("junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    static void seen(String role, MySqlDatabase db) {
        SEEN.put(role, db);
        if (Boolean.getBoolean("serverlessmysql.test.fixture.print")) {
            System.out.println("SEEN " + role + " " + db.name() + " " + db.user());
        }
    }

    @Fixtures.Fixture
    @MySqlTest(init = "db/schema.sql")
    static class OuterWithNested {
        @Test
        void outer(MySqlDatabase db) throws SQLException {
            seen("outer", db);
            assertEquals(List.of("2"), Fixtures.strings(db.dataSource(), "SELECT COUNT(*) FROM customer"));
        }

        @Nested
        class WithoutSettings {
            @Test
            void usesTheEnclosingDatabase(MySqlDatabase db) {
                seen("inherits", db);
            }
        }

        @Nested
        @MySqlTest(init = {"db/schema.sql", "db/seed-more.sql"})
        class WithSettingsOfItsOwn {
            @Test
            void getsItsOwnDatabase(MySqlDatabase db, DataSource dataSource) throws SQLException {
                seen("own", db);
                assertEquals(List.of("3"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM customer"), "its own init ran");
            }
        }
    }

    @Fixtures.Fixture
    @MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
    static class ResetPerMethod {
        @BeforeEach
        void remember(MySqlDatabase db) {
            seen("reset", db);
        }

        @Test
        void first(DataSource dataSource) throws Exception {
            insertAndMeetTheOther(dataSource, "first");
        }

        @Test
        void second(DataSource dataSource) throws Exception {
            insertAndMeetTheOther(dataSource, "second");
        }

        /**
         * Waits a moment for the other method to run at the same time: if it does, its reset has just wiped this
         * method's row. With the database held one method at a time the wait times out (or finds the barrier broken).
         */
        private static void insertAndMeetTheOther(DataSource dataSource, String name) throws Exception {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO customer (name) VALUES (?)")) {
                ps.setString(1, name);
                ps.execute();
            }
            try {
                bothRunning.await(1500, TimeUnit.MILLISECONDS);
                OVERLAPPED.set(true);
            } catch (TimeoutException | BrokenBarrierException alone) {
                // the expected case: the other method runs before or after this one
            }
            assertEquals(List.of("1"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM customer WHERE name = '" + name + "'"),
                    "the row this method wrote is still there");
        }
    }

    @Test
    void aNestedClassWithSettingsOfItsOwnGetsItsOwnDatabase() throws SQLException {
        SEEN.clear();
        assertNull(Fixtures.failure(Fixtures.run(OuterWithNested.class, Map.of())));
        MySqlDatabase outer = SEEN.get("outer");
        assertEquals(outer.name(), SEEN.get("inherits").name(), "a @Nested class without @MySqlTest shares the enclosing database");
        assertNotEquals(outer.name(), SEEN.get("own").name(), "a @Nested class with @MySqlTest has a database of its own");
        assertGone(outer);
        assertGone(SEEN.get("own"));
    }

    @Test
    void methodsOfADatabaseResetPerMethodNeverRunAtTheSameTime() {
        SEEN.clear();
        OVERLAPPED.set(false);
        bothRunning = new CyclicBarrier(2);
        assertNull(Fixtures.failure(Fixtures.run(ResetPerMethod.class, PARALLEL)));
        assertFalse(OVERLAPPED.get(), "the two methods ran at the same time");
    }

    /** Fails unless the database and its user no longer exist on the server. */
    static void assertGone(MySqlDatabase db) throws SQLException {
        assertEquals(List.of(), Fixtures.strings(db.adminDataSource(),
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + db.name() + "%'"));
        assertEquals(List.of(), Fixtures.strings(db.adminDataSource(), "SELECT User FROM mysql.user WHERE User = '" + db.user() + "'"));
        assertTrue(db.server().isRunning());
    }
}
