package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.ServerlessMysql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The same client used through plain JDBC: its dataSource(), closed after use, end() after every invocation. */
public class JdbcCountHandler implements RequestHandler<String, Integer> {

    static ServerlessMysql db;

    @Override
    public Integer handleRequest(String input, Context context) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 7")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            db.end();
        }
    }
}
