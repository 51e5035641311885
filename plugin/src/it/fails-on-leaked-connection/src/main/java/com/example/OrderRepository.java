package com.example;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

public class OrderRepository {

    private final DataSource dataSource;

    public OrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets to close its connection. */
    public int answer() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Closes it. */
    public int answerAndClose() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 42")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
