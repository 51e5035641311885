package com.example.app;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A client that keeps one connection; when asked to misbehave it opens a second without closing the first. */
public final class Db {

    private final DataSource ds;
    private Connection connection;

    public Db(DataSource ds) {
        this.ds = ds;
    }

    public Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = ds.getConnection();
        }
        return connection;
    }

    public void reconnectWithoutClosing() throws SQLException {
        connection = ds.getConnection();
    }
}
