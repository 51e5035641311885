package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.TestContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MySqlTest(database = "dblambda", init = "schema.sql")
class OrdersHandlerTest {

    @Test
    void storesTheOrder(MySqlDatabase db, TestContext context) throws SQLException {
        var handler = new OrdersHandler(db.jdbcUrl(), db.user(), db.password());

        assertEquals("stored book", handler.handleRequest(Map.of("item", "book"), context));

        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT item FROM dblambda.orders")) {
            assertTrue(rs.next());
            assertEquals("book", rs.getString(1));
        }
        assertTrue(context.logs().contains("stored book"), context.logs());
    }

    @Test
    void refusesAnOrderWithoutAnItem(MySqlDatabase db, TestContext context) {
        var handler = new OrdersHandler(db.jdbcUrl(), db.user(), db.password());

        assertEquals("missing item", handler.handleRequest(Map.of("item", " "), context));
        assertEquals("missing item", handler.handleRequest(Map.of(), context));
    }

    @Test
    void failsWhenTheDatabaseIsUnreachable(TestContext context) {
        var handler = new OrdersHandler("jdbc:mariadb://127.0.0.1:1/dblambda", "nobody", "");

        var e = assertThrows(IllegalStateException.class, () -> handler.handleRequest(Map.of("item", "book"), context));
        assertEquals("could not store the order", e.getMessage());
    }
}
