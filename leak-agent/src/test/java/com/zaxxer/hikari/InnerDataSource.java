package com.zaxxer.hikari;

import com.example.app.FakeDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** A data source a pool builds for itself, as HikariCP's DriverDataSource: part of that pool, not a pool. */
public class InnerDataSource extends FakeDataSource implements javax.sql.DataSource {

    private final Driver driver;

    public InnerDataSource(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Connection getConnection() {
        try {
            return driver.connect("jdbc:fake:", new Properties());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
