package com.example.app;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Run by LeakListenerTest through its own launcher; the name keeps surefire from running it directly. */
public class LeakyFixture {

    private final FakeDataSource ds = new FakeDataSource();

    @Test
    void leaks() throws Exception {
        ds.getConnection();
    }

    @Test
    void closes() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.isClosed();
        }
    }
}
