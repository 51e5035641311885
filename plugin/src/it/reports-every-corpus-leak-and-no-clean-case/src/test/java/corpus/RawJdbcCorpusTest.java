package corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

@MySqlTest
class RawJdbcCorpusTest {

    @BeforeEach
    void setUp(MySqlDatabase db) {
        Setup.db(db);
    }

    @Test
    void leak_driverManagerNeverClosed() throws Exception {
        Connection c = DriverManager.getConnection(Db.url, Db.user, Db.password);
        assertTrue(c.isValid(2));
    }

    @Test
    void leak_throughMethodReference() throws Exception {
        MariaDbDataSource ds = new MariaDbDataSource(Db.url);
        ds.setUser(Db.user);
        ds.setPassword(Db.password);
        Callable<Connection> open = ds::getConnection;
        assertTrue(open.call().isValid(2));
    }

    @Test
    void leak_onWorkerThread() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Connection c = pool.submit(() -> DriverManager.getConnection(Db.url, Db.user, Db.password)).get();
            assertTrue(c.isValid(2));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void clean_tryWithResources() throws Exception {
        try (Connection c = DriverManager.getConnection(Db.url, Db.user, Db.password)) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void clean_onWorkerThreadClosed() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertTrue(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(Db.url, Db.user, Db.password)) {
                    return c.isValid(2);
                }
            }).get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void clean_injectedDataSourceClosed(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.isValid(2));
        }
    }
}
