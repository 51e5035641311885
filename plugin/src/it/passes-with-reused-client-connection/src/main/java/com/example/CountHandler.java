package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Keeps one connection across invocations, through the client: correct on Lambda, not a leak. */
public class CountHandler implements RequestHandler<String, Integer> {

    static SharedConnection db;

    @Override
    public Integer handleRequest(String input, Context context) {
        try (Statement s = db.get().createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
