package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MySqlTest
class LeakyTest {

    @Test
    void leaks(DataSource dataSource) throws Exception {
        Connection c = dataSource.getConnection();
        assertTrue(c.isValid(2));
        assertEquals("hello you", new Greeter().greet("you"));
    }
}
