package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client keeps one connection across invocations and across tests: correct on Lambda, not a leak. */
@MySqlTest
class OrderCountHandlerTest {

    @BeforeAll
    static void container(MySqlDatabase db) {
        OrderCountHandler.db = ServerlessMysql.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).build();
    }

    @AfterAll
    static void shutdown() {
        OrderCountHandler.db.quit();
    }

    @Test
    void firstInvocationsConnect() {
        OrderCountHandler handler = new OrderCountHandler();
        for (int i = 0; i < 3; i++) {
            assertEquals(0L, handler.handleRequest("no_such_schema", null));
        }
    }

    @Test
    void laterInvocationsReuseTheConnection() {
        OrderCountHandler handler = new OrderCountHandler();
        for (int i = 0; i < 3; i++) {
            assertEquals(0L, handler.handleRequest("no_such_schema", null));
        }
        assertEquals(1, OrderCountHandler.db.stats().connects());
    }
}
