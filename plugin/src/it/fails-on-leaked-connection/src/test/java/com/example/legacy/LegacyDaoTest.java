package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@MySqlTest
class LegacyDaoTest {

    @Test
    void leaksButIsAccepted(DataSource dataSource) throws Exception {
        assertTrue(LegacyDao.open(dataSource).isValid(2));
    }
}
