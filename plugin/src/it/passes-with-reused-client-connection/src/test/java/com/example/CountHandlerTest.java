package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MySqlTest
class CountHandlerTest {

    @BeforeAll
    static void container(MySqlDatabase db) {
        CountHandler.db = new SharedConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Test
    void firstInvocationsOpenTheConnection() {
        CountHandler handler = new CountHandler();
        for (int i = 0; i < 3; i++) {
            assertEquals(7, handler.handleRequest("count", null));
        }
    }

    @Test
    void laterInvocationsReuseIt() {
        CountHandler handler = new CountHandler();
        for (int i = 0; i < 3; i++) {
            assertEquals(7, handler.handleRequest("count", null));
        }
    }
}
