package com.example.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

public class LegacyDao {

    public static Connection open(DataSource ds) throws SQLException {
        return ds.getConnection();
    }
}
