package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MySqlTest(init = {"db/schema.sql", "db/seed-more.sql"})
class MySqlExtensionTest {

    private static MySqlDatabase fromBeforeAll;
    private final MySqlDatabase fromConstructor;
    private final DataSource dataSourceFromConstructor;

    MySqlExtensionTest(MySqlDatabase db, DataSource dataSource) {
        this.fromConstructor = db;
        this.dataSourceFromConstructor = dataSource;
    }

    @BeforeAll
    static void rememberDatabase(MySqlDatabase db) {
        fromBeforeAll = db;
    }

    @Test
    void injectsTheSameClassDatabaseEverywhere(MySqlDatabase db, DataSource dataSource) throws SQLException {
        assertSame(fromBeforeAll, db);
        assertSame(fromConstructor, db);
        try (Connection a = dataSource.getConnection(); Connection b = dataSourceFromConstructor.getConnection()) {
            assertEquals(db.name(), a.getCatalog());
            assertEquals(db.name(), b.getCatalog());
        }
    }

    @Test
    void runsEveryInitScriptInOrder(DataSource dataSource) throws SQLException {
        assertEquals(List.of("Ada", "Grace", "Linus"), strings(dataSource, "SELECT name FROM customer ORDER BY id"));
        assertEquals(List.of("150.00"), strings(dataSource, "SELECT total FROM big_orders"));
        assertEquals(List.of("order 1", "order 2"), strings(dataSource, "SELECT what FROM audit ORDER BY id"));
        assertEquals(List.of("it's; fine"), strings(dataSource, "SELECT DISTINCT note FROM orders"));
    }

    @Test
    void connectsAsANonPrivilegedUserOfThisDatabaseOnly(MySqlDatabase db) throws SQLException {
        assertNotEquals("root", db.user());
        List<String> grants = strings(db.dataSource(), "SHOW GRANTS");
        String all = String.join("\n", grants);
        assertTrue(all.contains("`" + db.name() + "`.*"), all);
        for (String forbidden : List.of("SUPER", "PROCESS", "CONNECTION ADMIN", "*.* TO")) {
            if (forbidden.equals("*.* TO")) {
                assertTrue(grants.stream().filter(g -> g.contains("*.*")).allMatch(g -> g.startsWith("GRANT USAGE")), all);
            } else {
                assertFalse(all.contains(forbidden), all);
            }
        }
        SQLException denied = assertThrows(SQLException.class, () -> strings(db.dataSource(), "SELECT COUNT(*) FROM mysql.user"));
        assertEquals(1142, denied.getErrorCode(), denied.getMessage());
    }

    @Test
    void cannotSeeOrKillOtherUsersSessions(MySqlDatabase db) throws SQLException {
        try (Connection admin = db.adminDataSource().getConnection(); Connection mine = db.dataSource().getConnection()) {
            long adminId = single(admin, "SELECT CONNECTION_ID()");
            List<String> users = strings(db.dataSource(), "SELECT DISTINCT USER FROM information_schema.PROCESSLIST");
            assertEquals(List.of(db.user()), users);
            try (Statement s = mine.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("KILL " + adminId));
                assertEquals(1095, e.getErrorCode(), e.getMessage());
            }
        }
    }

    @Test
    void reportsServerFacts(MySqlDatabase db) {
        assertTrue(db.serverVersion().matches("\\d+\\.\\d+\\.\\d+.*"), db.serverVersion());
        assertFalse(db.server().isDedicated());
        assertTrue(db.jdbcUrl().startsWith("jdbc:mysql://"), "Connector/J is on this classpath: " + db.jdbcUrl());
        assertTrue(db.jdbcUrl("mariadb").startsWith("jdbc:mariadb://"));
        assertTrue(db.jdbcUrl().endsWith("/" + db.name()), db.jdbcUrl());
        assertFalse(db.toString().contains(db.password()));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> db.server().stop());
        assertTrue(refused.getMessage().contains("dedicatedServer = true"), refused.getMessage());
    }

    @Test
    void createsFurtherUsersLimitedToThisDatabase(MySqlDatabase db) throws SQLException {
        DatabaseUser second = db.createUser();
        assertNotEquals(db.user(), second.name());
        try (Connection c = db.dataSource().getConnection(second.name(), second.password())) {
            assertEquals(3, single(c, "SELECT COUNT(*) FROM customer"));
        }
        assertFalse(second.toString().contains(second.password()));
    }

    static List<String> strings(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
