package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlTest;
import javax.sql.DataSource;
import org.example.dbtester.JdbcTester;
import org.junit.jupiter.api.Test;

@MySqlTest
class UsesLibraryTest {

    @Test
    void forgetsTheTearDown(DataSource dataSource) throws Exception {
        JdbcTester tester = new JdbcTester(dataSource);
        assertTrue(tester.connection().isValid(2));
    }
}
