package corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MySqlTest
class HikariCorpusTest {

    @BeforeEach
    void setUp(MySqlDatabase db) {
        Setup.db(db);
    }

    @Test
    void leak_borrowNeverReturned() throws Exception {
        Setup.invoke(new Handlers.PoolOfOneHandler(), 1);
        Connection c = Handlers.PoolOfOneHandler.pool.getConnection();
        assertTrue(c.isValid(2));
    }

    @Test
    void leak_defaultPoolOfTenPerContainer() {
        Setup.invoke(new Handlers.DefaultPoolHandler(), 3);
    }

    @Test
    void leak_newPoolPerInvocation() {
        Setup.invoke(new Handlers.PoolPerInvocation(), 3);
    }

    @Test
    void clean_poolOfOneAcrossInvocations() {
        Setup.invoke(new Handlers.PoolOfOneHandler(), 3);
    }

    @Test
    void clean_newPoolPerInvocationClosed() {
        Setup.invoke(new Handlers.PoolPerInvocationClosed(), 3);
    }
}
