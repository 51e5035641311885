package com.example.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/** Connection-heavy on purpose: a physical connection per test, and a pool borrow per query. */
@MySqlTest
class JdbcHeavyTest {

    static HikariDataSource pool;

    @BeforeAll
    static void pool(MySqlDatabase db) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db.jdbcUrl());
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(2);
        pool = new HikariDataSource(c);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @RepeatedTest(400)
    void physicalConnectionPerTest(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, select(c, i));
            }
        }
    }

    @RepeatedTest(400)
    void poolBorrowPerQuery() throws SQLException {
        for (int i = 0; i < 20; i++) {
            try (Connection c = pool.getConnection()) {
                assertEquals(i, select(c, i));
            }
        }
    }

    private static int select(Connection c, int i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setInt(1, i);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
