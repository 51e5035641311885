package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens a new connection on every invocation and never closes it: the classic Lambda connection storm. */
public class PingHandler implements RequestHandler<String, Boolean> {

    static String url;
    static String user;
    static String password;

    @Override
    public Boolean handleRequest(String input, Context context) {
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            return c.isValid(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
