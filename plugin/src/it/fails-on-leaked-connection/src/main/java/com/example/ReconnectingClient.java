package com.example;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Declared in <clients>, so it may keep a connection; but it opens a new one without closing the old. */
public class ReconnectingClient {

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public ReconnectingClient(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection reconnect() throws SQLException {
        connection = DriverManager.getConnection(url, user, password);
        return connection;
    }
}
