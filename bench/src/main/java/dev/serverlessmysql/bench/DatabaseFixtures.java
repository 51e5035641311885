package dev.serverlessmysql.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlServer;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Test classes the test-database benchmark runs through JUnit, each the same but for what it asks of the database. */
final class DatabaseFixtures {

    static final int REPETITIONS = 40;
    static final List<long[]> SPANS = new ArrayList<>();
    static volatile MySqlServer server;

    private DatabaseFixtures() {
    }

    /** A class without a database: the baseline for the cost of one. */
    public static final class NoDatabase {
        @Test
        void touchesNothing() {
            SPANS.size();
        }
    }

    /** A class with its own ten-table database. */
    @MySqlTest(init = "bench/ten-tables.sql")
    public static final class ClassDatabase {
        @Test
        void touchesNothing(MySqlDatabase db) {
            server = db.server();
        }
    }

    /** Many short tests on one database that is kept between them: the baseline for a fresh one per test. */
    @MySqlTest(init = "bench/ten-tables.sql")
    public static final class KeptBetweenTests {
        @RepeatedTest(REPETITIONS)
        void writesOneRow(DataSource ds) throws SQLException {
            timed(ds);
        }
    }

    /** The same tests, each on a fresh copy of the database. */
    @MySqlTest(init = "bench/ten-tables.sql", freshDatabasePerMethod = true)
    public static final class FreshPerTest {
        @RepeatedTest(REPETITIONS)
        void writesOneRow(DataSource ds) throws SQLException {
            timed(ds);
        }
    }

    /** One query, timed from JVM start by the probe that runs it. */
    @MySqlTest
    public static final class FirstQuery {
        @Test
        void selectsOne(DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
                FirstQueryProbe.answered(rs.getInt(1));
            }
        }
    }

    private static void timed(DataSource ds) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t01 (name) VALUES ('x')");
        }
        SPANS.add(new long[] {start, System.nanoTime()});
    }
}
