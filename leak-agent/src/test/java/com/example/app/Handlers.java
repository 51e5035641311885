package com.example.app;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.zaxxer.hikari.FakeHikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import org.h2.fake.DriverDataSource;

/** Lambda handlers in the shapes of the leak corpus. */
public final class Handlers {

    private Handlers() {
    }

    /** Builds a pool on every invocation and never closes it. */
    public static final class PoolPerInvocation implements RequestHandler<Driver, String> {
        @Override
        public String handleRequest(Driver driver, Object context) {
            try {
                FakeHikariDataSource pool = new FakeHikariDataSource(driver, 1);
                try (Connection c = pool.getConnection()) {
                    return c.toString();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Builds a client on every invocation and never closes it. */
    public static final class ClientPerInvocation implements RequestHandler<Object, String> {
        @Override
        public String handleRequest(Object input, Object context) {
            try {
                return new Db(new DriverDataSource()).connection().toString();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A shared helper that builds pools: two handlers each keep the one it built them. */
    static FakeHikariDataSource pool(Driver driver) throws SQLException {
        return new FakeHikariDataSource(driver, 1);
    }

    /** Keeps the helper's pool per container. */
    public static final class FirstThroughHelper implements RequestHandler<Driver, String> {
        static FakeHikariDataSource pool;

        @Override
        public String handleRequest(Driver driver, Object context) {
            try {
                if (pool == null) {
                    pool = pool(driver);
                }
                try (Connection c = pool.getConnection()) {
                    return c.toString();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Keeps another of the helper's pools per container. */
    public static final class SecondThroughHelper implements RequestHandler<Driver, String> {
        static FakeHikariDataSource pool;

        @Override
        public String handleRequest(Driver driver, Object context) {
            try {
                if (pool == null) {
                    pool = pool(driver);
                }
                try (Connection c = pool.getConnection()) {
                    return c.toString();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The correct shape: one pool of one connection per container, built once. */
    public static final class PoolOfOne implements RequestHandler<Driver, String> {
        static FakeHikariDataSource pool;

        @Override
        public String handleRequest(Driver driver, Object context) {
            try {
                if (pool == null) {
                    pool = new FakeHikariDataSource(driver, 1);
                }
                try (Connection c = pool.getConnection()) {
                    return c.toString();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
