package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.InvocationResult;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import dev.serverlessmysql.test.SimulatedContainer;
import dev.serverlessmysql.test.TestContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MySqlTest(database = "dblambda", init = "schema.sql")
class OrdersHandlerTest {

    // the handler as deployed: a simulated container loads it afresh, with these environment variables
    private static SimulatedContainer container(String url, String user, String password) {
        return LambdaSimulator.forHandler(OrdersHandler.class)
                .environment("DB_URL", url).environment("DB_USER", user).environment("DB_PASSWORD", password)
                .function(TestContext.builder().timeout(Duration.ofSeconds(3)))
                .container();
    }

    @Test
    void storesTheOrderOverOneConnection(MySqlDatabase db) throws SQLException {
        try (SimulatedContainer container = container(db.jdbcUrl(), db.user(), db.password())) {
            assertEquals("stored book", container.invoke(Map.of("item", "book")).response());
            assertEquals("stored pen", container.invoke(Map.of("item", "pen")).response());
            // the static client kept its one connection across both invocations
            assertEquals(1, db.server().sessionCount(db.user()));
        } finally {
            db.server().killSessions(db.user());
        }
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT item FROM dblambda.orders ORDER BY id")) {
            assertTrue(rs.next());
            assertEquals("book", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("pen", rs.getString(1));
        }
    }

    @Test
    void refusesAnOrderWithoutAnItem(MySqlDatabase db) {
        try (SimulatedContainer container = container(db.jdbcUrl(), db.user(), db.password())) {
            assertEquals("missing item", container.invoke(Map.of("item", " ")).response());
            assertEquals("missing item", container.invoke(Map.of()).response());
        }
    }

    @Test
    void failsWhenTheDatabaseIsUnreachable() {
        try (SimulatedContainer container = container("jdbc:mariadb://127.0.0.1:1/dblambda", "nobody", "none")) {
            InvocationResult<Object> result = container.invoke(Map.of("item", "book"));
            assertEquals("could not store the order", result.errorMessage());
        }
    }
}
