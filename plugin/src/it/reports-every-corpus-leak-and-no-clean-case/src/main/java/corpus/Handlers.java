package corpus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.serverlessmysql.ServerlessMysql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Lambda handlers in the shapes a labelled corpus needs, each a nested class with its own lines. */
public final class Handlers {

    private Handlers() {
    }

    static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public static HikariDataSource hikari(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(Db.url);
        config.setUsername(Db.user);
        config.setPassword(Db.password);
        if (size > 0) {
            config.setMaximumPoolSize(size);
        }
        return new HikariDataSource(config);
    }

    /** Leak: DriverManager on every invocation, never closed. */
    public static final class ConnectionPerInvocation implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            try {
                return one(DriverManager.getConnection(Db.url, Db.user, Db.password));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Clean: DriverManager on every invocation, closed. */
    public static final class ConnectionPerInvocationClosed implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            try (Connection c = DriverManager.getConnection(Db.url, Db.user, Db.password)) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Leak: HikariCP's default pool (10) kept per container. */
    public static final class DefaultPoolHandler implements RequestHandler<String, Integer> {
        static HikariDataSource pool;

        @Override
        public Integer handleRequest(String in, Context context) {
            if (pool == null) {
                pool = hikari(0);
            }
            try (Connection c = pool.getConnection()) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Clean: a pool of one kept per container. */
    public static final class PoolOfOneHandler implements RequestHandler<String, Integer> {
        static HikariDataSource pool;

        @Override
        public Integer handleRequest(String in, Context context) {
            if (pool == null) {
                pool = hikari(1);
            }
            try (Connection c = pool.getConnection()) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Leak: a new pool on every invocation, never closed. */
    public static final class PoolPerInvocation implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            HikariDataSource pool = hikari(1);
            try (Connection c = pool.getConnection()) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Clean: a new pool on every invocation, closed. */
    public static final class PoolPerInvocationClosed implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            try (HikariDataSource pool = hikari(1); Connection c = pool.getConnection()) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Clean: the recommended shape, one client per container and end() after every invocation. */
    public static final class CoreClient implements RequestHandler<String, Integer> {
        static ServerlessMysql db;

        @Override
        public Integer handleRequest(String in, Context context) {
            if (db == null) {
                db = ServerlessMysql.builder().jdbcUrl(Db.url).user(Db.user).password(Db.password).build();
            }
            try {
                return db.query("SELECT 1 AS n", rs -> rs.getInt("n")).get(0);
            } finally {
                db.end();
            }
        }
    }

    /** Leak: a new client on every invocation, never closed: each keeps its connection. */
    public static final class CoreClientPerInvocation implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            ServerlessMysql db = ServerlessMysql.builder().jdbcUrl(Db.url).user(Db.user).password(Db.password)
                    .build();
            try {
                return db.query("SELECT 1 AS n", rs -> rs.getInt("n")).get(0);
            } finally {
                db.end();
            }
        }
    }

    /** Clean: a new client on every invocation, closed. */
    public static final class CoreClientPerInvocationClosed implements RequestHandler<String, Integer> {
        @Override
        public Integer handleRequest(String in, Context context) {
            try (ServerlessMysql db = ServerlessMysql.builder().jdbcUrl(Db.url).user(Db.user).password(Db.password)
                    .build()) {
                return db.query("SELECT 1 AS n", rs -> rs.getInt("n")).get(0);
            }
        }
    }

    /** Clean: plain JDBC through the client's data source, closed, end() after the invocation. */
    public static final class CoreClientDataSource implements RequestHandler<String, Integer> {
        static ServerlessMysql db;

        @Override
        public Integer handleRequest(String in, Context context) {
            if (db == null) {
                db = ServerlessMysql.builder().jdbcUrl(Db.url).user(Db.user).password(Db.password).build();
            }
            DataSource ds = db.dataSource();
            try (Connection c = ds.getConnection()) {
                return one(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                db.end();
            }
        }
    }

    /** Clean: a declared client that keeps one connection. */
    public static final class Shared implements RequestHandler<String, Integer> {
        static final SharedConnection DB = new SharedConnection();

        @Override
        public Integer handleRequest(String in, Context context) {
            try {
                return one(DB.get());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
