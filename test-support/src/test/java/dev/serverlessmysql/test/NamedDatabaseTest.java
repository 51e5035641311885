package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.engine.TestSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code @MySqlTest(database = "...")}: the class database has the name the code under test qualifies its SQL with
 * (issue 18: {@code INSERT INTO dblambda.t} was denied), and two classes that ask for one name never hold it at the
 * same time.
 */
@MySqlTest(database = "dblambda", init = "db/schema.sql")
class NamedDatabaseTest {

    @Test
    void schemaQualifiedSqlWorksOnTheNamedDatabase(MySqlDatabase db, DataSource dataSource) throws SQLException {
        assertEquals("dblambda", db.name());
        assertTrue(db.jdbcUrl().contains("/dblambda"), db.jdbcUrl());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO dblambda.customer (name) VALUES ('Edsger')");
        }
        assertEquals(List.of("Ada", "Edsger", "Grace"),
                Fixtures.strings(dataSource, "SELECT name FROM dblambda.customer ORDER BY name"));
    }

    @Test
    void anUnnamedClassCannotWriteToThatSchema() throws SQLException {
        // the symptom, for a class that does not name its database: its user has rights on its own only
        String failure = Fixtures.failure(Fixtures.run(WritesToDblambdaWithoutTheName.class, Map.of()));
        assertNotNull(failure);
        assertTrue(failure.contains("denied"), failure);
    }

    @Test
    void classesAskingForOneNameRunOneAfterTheOther() throws SQLException {
        INTERVALS.clear();
        String failure = Fixtures.failure(Fixtures.run(JUnitLifecycleTest.PARALLEL, SharesAName.class,
                AlsoSharesAName.class));
        assertNull(failure);
        assertEquals(2, INTERVALS.size(), INTERVALS.toString());
        long[] first = INTERVALS.get(0);
        long[] second = INTERVALS.get(1);
        assertTrue(first[1] <= second[0] || second[1] <= first[0], "the classes held smt_shared at the same time");
        assertGone("smt_shared");
    }

    @Test
    void aSecondHolderWaitsOnTheServerUntilTheFirstLetsGo() throws Exception {
        // what makes classes in two JVMs on one external server, or on JUnit before 5.12, take turns
        MySqlServer server = TestServers.shared(TestSettings.fromSystem());
        DatabaseName first = DatabaseName.claim(server, "smt_turns", NamedDatabaseTest.class);
        CompletableFuture<DatabaseName> second = CompletableFuture.supplyAsync(
                () -> DatabaseName.claim(server, "smt_turns", SharesAName.class));
        try {
            Await.until("the second claim waits for the lock", Duration.ofSeconds(30), () -> waitingForALock(server, "smt_turns"));
            assertFalse(second.isDone());
        } finally {
            first.close();
            second.get(30, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void aNestedClassCannotTakeItsEnclosingClassesName() {
        String failure = Fixtures.failure(Fixtures.run(OuterNamed.class, Map.of()));
        assertNotNull(failure);
        assertTrue(failure.contains("asks for the database of its enclosing class " + OuterNamed.class.getName()), failure);
        assertTrue(failure.contains("Leave out @MySqlTest on the nested class"), failure);
    }

    @Test
    void aDatabaseThatExistsWhileNobodyHoldsItIsNeverDropped() throws SQLException {
        DataSource admin = TestServers.shared(TestSettings.fromSystem()).adminDataSource();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE smt_foreign");
            s.execute("CREATE TABLE smt_foreign.keep (id INT)");
            s.execute("INSERT INTO smt_foreign.keep VALUES (7)");
        }
        try {
            String failure = Fixtures.failure(Fixtures.run(NamesAForeignDatabase.class, Map.of()));
            assertNotNull(failure);
            assertTrue(failure.contains("a database named smt_foreign already exists"), failure);
            assertTrue(failure.contains("DROP DATABASE `smt_foreign`"), failure);
            assertEquals(List.of("7"), Fixtures.strings(admin, "SELECT id FROM smt_foreign.keep"), "its data is untouched");
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE smt_foreign");
            }
        }
    }

    @Test
    void refusesNamesSqlCouldNotUseUnquoted() {
        assertRefused("my-db", "letters, digits, '_' and '$' only");
        assertRefused("mysql", "system schema");
        assertRefused("1234", "digits only");
        assertRefused("x".repeat(61), "at most 60 characters");
    }

    @Test
    void aNamedDatabaseIsResetPerMethodAndEverythingIsGoneAfterwards() throws SQLException {
        assertNull(Fixtures.failure(Fixtures.run(NamedAndResetPerMethod.class, Map.of())));
        assertGone("smt_reset");
        assertGone("smt_reset_tpl");
        assertEquals(List.of("1"), Fixtures.strings(TestServers.shared(TestSettings.fromSystem()).adminDataSource(),
                "SELECT IS_FREE_LOCK('" + DatabaseName.lockName("smt_reset") + "')"), "the name was released");
    }

    @Test
    void aFailedInitLeavesNothingBehindSoTheNameCanBeUsedAgain() throws SQLException {
        String failure = Fixtures.failure(Fixtures.run(NamedWithABrokenScript.class, Map.of()));
        assertNotNull(failure);
        assertTrue(failure.contains("broken.sql"), failure);
        assertGone("smt_again");
        assertGone("smt_again_tpl");
        assertNull(Fixtures.failure(Fixtures.run(NamedAgain.class, Map.of())));
    }

    @Test
    void aDedicatedServerTakesTheName() {
        assertNull(Fixtures.failure(Fixtures.run(NamedOnADedicatedServer.class, Map.of())));
    }

    private static void assertRefused(String name, String why) {
        TestDatabaseException e = assertThrows(TestDatabaseException.class, () -> DatabaseName.validate(name, NamedDatabaseTest.class));
        assertTrue(e.getMessage().contains("is not a database name the test support can create: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static void assertGone(String database) throws SQLException {
        assertEquals(List.of(), Fixtures.strings(TestServers.shared(TestSettings.fromSystem()).adminDataSource(),
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + database + "'"));
    }

    private static boolean waitingForALock(MySqlServer server, String name) {
        try {
            // MySQL and MariaDB both show a session blocked in GET_LOCK with the state "User lock"
            return !Fixtures.strings(server.adminDataSource(), "SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE INFO LIKE 'SELECT GET_LOCK(%" + name + "%' AND STATE LIKE '%lock%'").isEmpty();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static final List<long[]> INTERVALS = new CopyOnWriteArrayList<>();

    /** Records when a class held its database, from its first to its last callback. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Recorder {
        private long start;

        @BeforeAll
        void started() {
            start = System.nanoTime();
        }

        @Test
        void findsTheDatabaseAsTheInitScriptsLeftIt(DataSource dataSource) throws SQLException {
            assertEquals(List.of("2"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM smt_shared.customer"));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO smt_shared.customer (name) VALUES ('" + getClass().getSimpleName() + "')");
            }
            assertEquals(List.of("3"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM smt_shared.customer"));
        }

        @AfterAll
        void finished() {
            INTERVALS.add(new long[] {start, System.nanoTime()});
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_shared", init = "db/schema.sql")
    static class SharesAName extends Recorder {
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_shared", init = "db/schema.sql")
    static class AlsoSharesAName extends Recorder {
    }

    @Fixtures.Fixture
    @MySqlTest
    static class WritesToDblambdaWithoutTheName {
        @Test
        void writes(DataSource dataSource) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO dblambda.customer (name) VALUES ('x')");
            }
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_outer")
    static class OuterNamed {
        @Test
        void outer(MySqlDatabase db) {
            assertEquals("smt_outer", db.name());
        }

        @Nested
        @MySqlTest(database = "smt_outer")
        class Inner {
            @Test
            void inner(MySqlDatabase db) {
                assertEquals("smt_outer", db.name());
            }
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_foreign")
    static class NamesAForeignDatabase {
        @Test
        void uses(MySqlDatabase db) {
            assertEquals("smt_foreign", db.name());
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_reset", init = "db/schema.sql", freshDatabasePerMethod = true)
    static class NamedAndResetPerMethod {
        @Test
        void first(DataSource dataSource) throws SQLException {
            insertAndCount(dataSource);
        }

        @Test
        void second(DataSource dataSource) throws SQLException {
            insertAndCount(dataSource);
        }

        private static void insertAndCount(DataSource dataSource) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO smt_reset.audit (what) VALUES ('mine')");
            }
            assertEquals(List.of("1"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM smt_reset.audit WHERE what = 'mine'"));
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_again", init = {"db/schema.sql", "db/broken.sql"}, freshDatabasePerMethod = true)
    static class NamedWithABrokenScript {
        @Test
        void never(MySqlDatabase db) {
            assertNotNull(db);
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_again", init = "db/schema.sql", freshDatabasePerMethod = true)
    static class NamedAgain {
        @Test
        void works(DataSource dataSource) throws SQLException {
            assertEquals(List.of("2"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM smt_again.customer"));
        }
    }

    @Fixtures.Fixture
    @MySqlTest(database = "smt_dedicated", dedicatedServer = true, init = "db/schema.sql")
    static class NamedOnADedicatedServer {
        @Test
        void works(MySqlDatabase db, DataSource dataSource) throws SQLException {
            assertTrue(db.server().isDedicated());
            assertEquals(List.of("2"), Fixtures.strings(dataSource, "SELECT COUNT(*) FROM smt_dedicated.customer"));
        }
    }
}
