package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MySqlTest
class LeakyTest {

    @Test
    void leaksThroughRepository(DataSource dataSource) throws Exception {
        assertEquals(42, new OrderRepository(dataSource).answer());
    }

    @Test
    void leaksRawJdbc(MySqlDatabase db) throws Exception {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        assertTrue(c.isValid(2));
    }

    @Test
    void closesProperly(DataSource dataSource) throws Exception {
        assertEquals(42, new OrderRepository(dataSource).answerAndClose());
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void handlerOpensAConnectionPerInvocation(MySqlDatabase db) {
        PingHandler.url = db.jdbcUrl();
        PingHandler.user = db.user();
        PingHandler.password = db.password();
        PingHandler handler = new PingHandler();
        for (int i = 0; i < 3; i++) {
            assertTrue(handler.handleRequest("ping", null));
        }
    }
}
