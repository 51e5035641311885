package corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbPoolDataSource;

/** MariaDB Connector/J's own pool: close() hands the connection back and isClosed() on it stays false. */
@MySqlTest
class MariaDbPoolCorpusTest {

    static MariaDbPoolDataSource poolOfOne;

    @BeforeEach
    void setUp(MySqlDatabase db) throws Exception {
        Setup.db(db);
        if (poolOfOne == null) {
            poolOfOne = new MariaDbPoolDataSource(Db.url("maxPoolSize=1&poolName=corpus-one&user=" + Db.user
                    + "&password=" + Db.password));
        }
    }

    @Test
    void clean_borrowReturnedToThePool() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Connection c = poolOfOne.getConnection()) {
                assertTrue(c.isValid(2));
            }
        }
    }

    /** Another pool of one, kept for the class, whose only connection this test never returns. */
    static MariaDbPoolDataSource kept;

    @Test
    void leak_borrowNeverReturned() throws Exception {
        kept = new MariaDbPoolDataSource(Db.url("maxPoolSize=1&poolName=corpus-kept&user=" + Db.user
                + "&password=" + Db.password));
        Connection c = kept.getConnection();
        assertTrue(c.isValid(2));
    }

    @Test
    void leak_defaultPoolSize() throws Exception {
        MariaDbPoolDataSource pool = new MariaDbPoolDataSource(Db.url("poolName=corpus-default&user=" + Db.user
                + "&password=" + Db.password));
        try (Connection c = pool.getConnection()) {
            assertTrue(c.isValid(2));
        }
    }
}
