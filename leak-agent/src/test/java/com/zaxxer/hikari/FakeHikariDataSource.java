package com.zaxxer.hikari;

import com.example.app.FakeDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pool in HikariCP's shape: the constructor makes the first connection on the caller's thread, and a thread of
 * its own makes the rest, up to {@code maximumPoolSize}. Borrowed connections go back to the pool on close().
 */
public class FakeHikariDataSource extends FakeDataSource implements javax.sql.DataSource {

    private final int maximumPoolSize;
    private final List<Connection> physical = new CopyOnWriteArrayList<>();
    private final Thread filler;
    private boolean closed;

    public FakeHikariDataSource(Driver driver, int maximumPoolSize) throws SQLException {
        this.maximumPoolSize = maximumPoolSize;
        InnerDataSource inner = initializeDataSource(driver);
        physical.add(inner.getConnection());
        filler = new Thread(() -> {
            for (int i = 1; i < maximumPoolSize; i++) {
                physical.add(inner.getConnection());
            }
        }, "FakeHikari connection adder");
        filler.start();
    }

    private static InnerDataSource initializeDataSource(Driver driver) {
        return new InnerDataSource(driver);
    }

    /** Waits until the adder thread made every connection. */
    public void awaitFilled() throws InterruptedException {
        filler.join();
    }

    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    @Override
    public Connection getConnection() {
        return new ReturnedOnClose();
    }

    public boolean isClosed() {
        return closed;
    }

    public void close() throws SQLException {
        closed = true;
        for (Connection c : physical) {
            c.close();
        }
    }
}
