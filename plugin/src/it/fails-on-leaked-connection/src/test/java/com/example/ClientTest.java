package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import org.junit.jupiter.api.Test;

@MySqlTest
class ClientTest {

    @Test
    void reconnectsWithoutClosing(MySqlDatabase db) throws Exception {
        ReconnectingClient client = new ReconnectingClient(db.jdbcUrl(), db.user(), db.password());
        assertTrue(client.reconnect().isValid(2));
        assertTrue(client.reconnect().isValid(2));
    }
}
