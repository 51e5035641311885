package com.example.app;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Opens a connection on every invocation and never closes it. */
public class OrderHandler implements RequestHandler<DataSource, String> {

    @Override
    public String handleRequest(DataSource dataSource, Object context) {
        try {
            Connection c = dataSource.getConnection();
            return c.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
