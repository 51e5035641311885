package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** Stores an order: the function as it was before the toolkit, on Java 11 with plain JDBC. */
public class OrdersHandler implements RequestHandler<Map<String, String>, String> {

    private final String url;
    private final String user;
    private final String password;

    public OrdersHandler() {
        this(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
    }

    OrdersHandler(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public String handleRequest(Map<String, String> order, Context context) {
        String item = order.get("item");
        if (item == null || item.isBlank()) {
            return "missing item";
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO dblambda.orders (item) VALUES (?)")) {
            insert.setString(1, item);
            insert.executeUpdate();
            context.getLogger().log("stored " + item);
            return "stored " + item;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the order", e);
        }
    }
}
