package org.h2.fake;

import com.example.app.FakeDataSource;
import java.sql.Connection;
import java.util.Properties;

/** A plain (non-pooling) data source of a driver: every getConnection() is a new physical connection. */
public class DriverDataSource extends FakeDataSource {

    private final FakeDriver driver = new FakeDriver();

    @Override
    public Connection getConnection() {
        return driver.connect("jdbc:fake:", new Properties());
    }
}
