package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client's connection counts as the client's whether it is used directly or through its dataSource(). */
@MySqlTest
class JdbcCountHandlerTest {

    @BeforeAll
    static void container(MySqlDatabase db) {
        JdbcCountHandler.db = ServerlessMysql.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                .password(db.password()).build();
    }

    @AfterAll
    static void shutdown() {
        JdbcCountHandler.db.quit();
    }

    @Test
    void invocationsThroughTheDataSourceReuseTheConnection() {
        JdbcCountHandler handler = new JdbcCountHandler();
        for (int i = 0; i < 3; i++) {
            assertEquals(7, handler.handleRequest("x", null));
        }
    }
}
