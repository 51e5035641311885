package com.example.app.tests;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A test's own code, from the project's test classes directory (Instrumented gives it that code source). */
public final class TestCode {

    private TestCode() {
    }

    public static Connection open(DataSource ds) throws SQLException {
        return ds.getConnection();
    }
}
