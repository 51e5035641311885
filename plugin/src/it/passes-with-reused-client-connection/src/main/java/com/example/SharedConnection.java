package com.example;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A hand-written client declared in <clients>: one connection per container, reused, reopened only when dead. */
public class SharedConnection {

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public SharedConnection(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public synchronized Connection get() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }
}
