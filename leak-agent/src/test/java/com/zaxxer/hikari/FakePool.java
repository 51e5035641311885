package com.zaxxer.hikari;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Lives in a pool package: the physical connections it makes for itself belong to the pool. */
public final class FakePool {
    public final Connection physical;

    public FakePool(Driver driver) throws SQLException {
        physical = driver.connect("jdbc:fake:", new Properties());
    }
}
