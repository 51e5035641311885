package dev.serverlessmysql.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.ServerlessMysqlBuilder;
import dev.serverlessmysql.test.MySqlDatabase;

/**
 * The four connection strategies of the storm, as Lambda handlers. Each invocation runs as many queries as the event's
 * message says (1 to 3). Every resource a handler opens is also recorded, so that the harness can clean up after a
 * strategy without the simulated containers ever closing anything themselves.
 */
final class StormHandlers {

    /** The strategies, in the order the report lists them. */
    enum Strategy {
        NAIVE("(a) new connection per invocation, never closed"),
        STATIC("(b) one static connection, unmanaged"),
        HIKARI("(c) HikariCP pool of size 1 per container"),
        MANAGED("(d) ServerlessMysql with end()");

        final String label;

        Strategy(String label) {
            this.label = label;
        }
    }

    private final MySqlDatabase db;
    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<ServerlessMysql> clients = Collections.synchronizedList(new ArrayList<>());

    StormHandlers(MySqlDatabase db) {
        this.db = db;
    }

    /** A factory for one cold start of {@code strategy}. */
    Supplier<RequestHandler<SQSEvent, Integer>> factory(Strategy strategy) {
        return switch (strategy) {
            case NAIVE -> () -> (event, context) -> queries(event, connect());
            case STATIC -> () -> {
                Connection connection = connect();
                return (event, context) -> queries(event, connection);
            };
            case HIKARI -> () -> {
                HikariDataSource pool = new HikariDataSource(hikari(db));
                opened.add(pool);
                return (event, context) -> {
                    try (Connection c = pool.getConnection()) {
                        return queries(event, c);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                };
            };
            case MANAGED -> managed(UnaryOperator.identity());
        };
    }

    /** A factory for one cold start of the managed client, its default settings changed by {@code settings}. */
    Supplier<RequestHandler<SQSEvent, Integer>> managed(UnaryOperator<ServerlessMysqlBuilder> settings) {
        return () -> {
            ServerlessMysql client = settings.apply(ServerlessMysql.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
                    .password(db.password())).build();
            clients.add(client);
            opened.add(client);
            return new ManagedHandler(client);
        };
    }

    /** Zombie sessions killed by every {@link ServerlessMysql} client made so far. */
    long zombiesKilled() {
        synchronized (clients) {
            return clients.stream().mapToLong(c -> c.stats().zombiesKilled()).sum();
        }
    }

    /** Times {@code end()} closed a client's own connection because the server was nearly full. */
    long ownClosesUnderPressure() {
        synchronized (clients) {
            return clients.stream().mapToLong(c -> c.stats().closesForUtilization()).sum();
        }
    }

    /**
     * Closes everything the handlers opened (as the end of the run, not any container, would), many at once: a
     * HikariCP pool that is still trying to connect takes up to its login timeout to shut down.
     */
    void closeAll() throws InterruptedException {
        List<AutoCloseable> all;
        synchronized (opened) {
            all = new ArrayList<>(opened);
            opened.clear();
        }
        ExecutorService closers = Executors.newFixedThreadPool(32);
        for (AutoCloseable c : all) {
            closers.execute(() -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the server may have dropped it already; the harness kills what is left
                }
            });
        }
        closers.shutdown();
        if (!closers.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the storm's connections and pools did not close within 2 minutes");
        }
    }

    static HikariConfig hikari(MySqlDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        // fail an invocation within the function's timeout, and let the container start while the server is full
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1);
        return config;
    }

    private Connection connect() {
        try {
            Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static int queries(SQSEvent event, Connection c) {
        int n = count(event);
        int sum = 0;
        try {
            for (int i = 1; i <= n; i++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sum += rs.getInt(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return sum;
    }

    static int count(SQSEvent event) {
        return Integer.parseInt(event.getRecords().get(0).getBody().trim());
    }

    /** The documented pattern: queries, then {@code end()} in a finally block. */
    private static final class ManagedHandler implements RequestHandler<SQSEvent, Integer> {
        private final ServerlessMysql client;

        ManagedHandler(ServerlessMysql client) {
            this.client = client;
        }

        @Override
        public Integer handleRequest(SQSEvent event, Context context) {
            client.remainingTime(context::getRemainingTimeInMillis);
            try {
                int n = count(event);
                int sum = 0;
                for (int i = 1; i <= n; i++) {
                    sum += client.query("SELECT ?", rs -> rs.getInt(1), i).get(0);
                }
                return sum;
            } finally {
                client.end();
            }
        }
    }
}
