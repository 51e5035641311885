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

    /** A pool of one kept for the class, whose only connection this test borrows and never returns. */
    static HikariDataSource kept;

    @Test
    void leak_borrowNeverReturned() throws Exception {
        kept = Handlers.hikari(1);
        Connection c = kept.getConnection();
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
