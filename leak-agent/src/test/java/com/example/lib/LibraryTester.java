package com.example.lib;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A library in a jar, in DBUnit's JdbcDatabaseTester's shape: it opens a connection and keeps it. */
public final class LibraryTester {

    private LibraryTester() {
    }

    public static Connection open(DataSource ds) throws SQLException {
        return ds.getConnection();
    }
}
