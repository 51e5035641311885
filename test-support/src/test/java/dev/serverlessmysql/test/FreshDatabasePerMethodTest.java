package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.MySqlExtensionTest.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestMethodOrder;

/** Each repetition dirties the database in a different way; every one must still start from the init scripts' state. */
@MySqlTest(init = "db/schema.sql", freshDatabasePerMethod = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshDatabasePerMethodTest {

    @RepeatedTest(4)
    void everyTestStartsFromTheInitScriptsState(DataSource dataSource, MySqlDatabase db) throws SQLException {
        assertEquals(List.of("Ada", "Grace"), strings(dataSource, "SELECT name FROM customer ORDER BY id"));
        assertEquals(List.of("150.00"), strings(dataSource, "SELECT total FROM big_orders"));
        assertEquals(List.of("2"), strings(dataSource, "SELECT COUNT(*) FROM audit"));
        assertEquals(List.of("180.00"), strings(dataSource, "SELECT total_with_tax FROM orders WHERE id = 2"));

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (name) VALUES ('Mallory')");
            s.execute("INSERT INTO orders (customer_id, total) VALUES (3, 999)");
            s.execute("DELETE FROM customer WHERE name = 'Ada' AND NOT EXISTS (SELECT 1 FROM orders WHERE customer_id = 1)");
            s.execute("DROP VIEW big_orders");
            s.execute("CREATE TABLE scratch (id INT)");
        }
        // the trigger must have been copied too: it wrote a third audit row
        assertEquals(List.of("3"), strings(dataSource, "SELECT COUNT(*) FROM audit"));
        Connection leftOpen = dataSource.getConnection();
        leftOpen.setAutoCommit(false);
        try (Statement s = leftOpen.createStatement()) {
            s.execute("UPDATE customer SET name = 'locked' WHERE id = 2");
        }
        // an open transaction holds locks that would block the reset: the reset must end that session, not hang
        db.reset();
        assertFalse(leftOpen.isValid(2));
        assertEquals(List.of("Ada", "Grace"), strings(dataSource, "SELECT name FROM customer ORDER BY id"));
    }
}
