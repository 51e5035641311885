package org.example.dbtester;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Opens a connection for the test and keeps it, as DBUnit's JdbcDatabaseTester does until onTearDown(). */
public final class JdbcTester {

    private final Connection connection;

    public JdbcTester(DataSource dataSource) throws SQLException {
        this.connection = dataSource.getConnection();
    }

    public Connection connection() {
        return connection;
    }
}
