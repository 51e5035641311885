package dev.serverlessmysql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import dev.serverlessmysql.RowMapper;
import dev.serverlessmysql.ServerlessMysql;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-invocation cost of the client, measured by JMH in a forked JVM against the test server the benchmark JVM
 * started. Not final: JMH generates a subclass of every state class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OverheadBenchmarks {

    /** The system property naming the properties file (url, user, password) that says where to connect. */
    static final String TARGET_PROPERTY = "serverlessmysql.bench.target";
    static final String SQL = "SELECT ?";
    private static final RowMapper<Integer> FIRST = rs -> rs.getInt(1);

    private ServerlessMysql client;
    private Connection physical;
    private int next;

    /** Opens the client and warms its connection; raw JDBC runs on that same physical connection. */
    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        Properties t = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty(TARGET_PROPERTY)))) {
            t.load(in);
        }
        client = ServerlessMysql.builder().jdbcUrl(t.getProperty("url")).user(t.getProperty("user"))
                .password(t.getProperty("password")).build();
        client.query(SQL, FIRST, 0);
        // the driver's connection under the client's: the view is closed again, so that the client's statements run
        // as a handler's do, with no dataSource() connection open
        try (Connection view = client.dataSource().getConnection()) {
            physical = view.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
        }
    }

    /** Closes the client and its connection. */
    @TearDown(Level.Trial)
    public void close() {
        client.quit();
    }

    /** One parameterised query through the client, rows mapped to a list. */
    @Benchmark
    public List<Integer> clientQuery() {
        return client.query(SQL, FIRST, ++next);
    }

    /** The same query with plain JDBC on the client's own connection, rows mapped to a list the same way. */
    @Benchmark
    public List<Integer> rawJdbcQuery() throws SQLException {
        try (PreparedStatement ps = physical.prepareStatement(SQL)) {
            ps.setInt(1, ++next);
            try (ResultSet rs = ps.executeQuery()) {
                List<Integer> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(FIRST.map(rs));
                }
                return rows;
            }
        }
    }

    /** An invocation as the handler pattern has it: one query, then {@code end()} with default settings. */
    @Benchmark
    public List<Integer> invocationWithEnd() {
        try {
            return client.query(SQL, FIRST, ++next);
        } finally {
            client.end();
        }
    }
}
