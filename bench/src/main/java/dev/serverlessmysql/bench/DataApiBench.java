package dev.serverlessmysql.bench;

import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.dataapi.DataApiClient;
import dev.serverlessmysql.test.DataApiEndpoint;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The Data API transport against the core client, side by side on one test database: cold start to the first result
 * in a new JVM (the Data API client over the local Data API that test-support starts), and per-statement latency of
 * warm clients. The local endpoint measures the client's own overhead (HTTP, JSON, the SDK, the endpoint's JDBC
 * call), not AWS's network or the service's.
 */
final class DataApiBench {

    private final boolean smoke;
    private final Path work;

    DataApiBench(boolean smoke, Path work) {
        this.smoke = smoke;
        this.work = work;
    }

    /** Median and 99th percentile of one statement on both transports, in milliseconds. */
    record Latency(String statement, double coreP50, double coreP99, double dataApiP50, double dataApiP99) {
    }

    /** Cold starts (medians, ms), classes loaded, and latencies. */
    record Figures(int coldRuns, double coreCold, double dataApiCold, int coreClasses, int dataApiClasses,
                   int statementRuns, List<Latency> latencies) {
    }

    /** The fixture's work, given the database and its local Data API. */
    @FunctionalInterface
    interface Task {
        void run(MySqlDatabase db, DataApiEndpoint endpoint) throws Exception;
    }

    private static volatile Task task;

    /** A class database with a local Data API in front of it. */
    @MySqlTest(dataApi = true)
    public static final class Fixture {
        @Test
        void runsTheBenchmark(MySqlDatabase db, DataApiEndpoint endpoint) throws Exception {
            task.run(db, endpoint);
        }
    }

    Figures measure() {
        Figures[] out = new Figures[1];
        synchronized (DataApiBench.class) {
            task = (db, endpoint) -> out[0] = compare(db, endpoint);
            try {
                JUnitRunner.run(Fixture.class, Map.of());
            } finally {
                task = null;
            }
        }
        return out[0];
    }

    private Figures compare(MySqlDatabase db, DataApiEndpoint endpoint) throws Exception {
        int coldRuns = smoke ? 1 : 15;
        start(db, endpoint, false, null);
        start(db, endpoint, true, null);
        List<Double> core = new ArrayList<>();
        List<Double> dataApi = new ArrayList<>();
        for (int i = 0; i < coldRuns; i++) {
            core.add(start(db, endpoint, false, null));
            dataApi.add(start(db, endpoint, true, null));
        }
        int coreClasses = classes(db, endpoint, false);
        int dataApiClasses = classes(db, endpoint, true);
        int runs = smoke ? 30 : 2000;
        List<Latency> latencies = latencies(db, endpoint, runs);
        return new Figures(coldRuns, Stats.median(core), Stats.median(dataApi), coreClasses, dataApiClasses, runs, latencies);
    }

    private int classes(MySqlDatabase db, DataApiEndpoint endpoint, boolean overDataApi) throws Exception {
        Path log = work.resolve("classes-" + (overDataApi ? "data-api" : "core") + ".log");
        start(db, endpoint, overDataApi, "-Xlog:class+load=info:file=" + log);
        try (var lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.contains(" source: ")).count();
        }
    }

    /** A new JVM running one SELECT 1 on the core client or the Data API client: milliseconds to its printed result. */
    private static double start(MySqlDatabase db, DataApiEndpoint endpoint, boolean overDataApi, String jvmOption)
            throws IOException, InterruptedException {
        List<String> options = jvmOption == null ? List.of() : List.of(jvmOption);
        ChildJvm.Answer a = overDataApi
                ? ChildJvm.run(options, DataApiColdStartHandler.class, List.of(), Map.of(
                        "DATA_API_RESOURCE_ARN", endpoint.resourceArn(), "DATA_API_SECRET_ARN", endpoint.secretArn(),
                        "DATA_API_DATABASE", endpoint.database(), "DATA_API_ENDPOINT", endpoint.uri().toString(),
                        "AWS_ACCESS_KEY_ID", "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY", "local-secret"),
                        DataApiColdStartHandler.RESULT)
                : ChildJvm.run(options, ColdStartHandler.class, List.of("core"),
                        Map.of("DB_URL", db.jdbcUrl("mysql"), "DB_USER", db.user(), "DB_PASSWORD", db.password()),
                        ColdStartHandler.RESULT);
        if (!a.value().equals("1")) {
            throw new IllegalStateException("the " + (overDataApi ? "Data API" : "core") + " handler's SELECT 1 answered " + a.value());
        }
        return a.millis();
    }

    private static List<Latency> latencies(MySqlDatabase db, DataApiEndpoint endpoint, int runs) {
        try (ServerlessMysql core = ServerlessMysql.builder().jdbcUrl(db.jdbcUrl("mysql")).user(db.user())
                .password(db.password()).build();
             DataApiClient dataApi = DataApiClient.builder().resourceArn(endpoint.resourceArn())
                     .secretArn(endpoint.secretArn()).database(endpoint.database()).endpoint(endpoint.uri())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")))
                     .build()) {
            core.update("CREATE TABLE IF NOT EXISTS bench_rows (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
            core.update("INSERT INTO bench_rows (v) VALUES ('a'), ('b'), ('c')");
            List<Latency> out = new ArrayList<>();
            out.add(latency("`SELECT 1`", runs, i -> core.query("SELECT 1"), i -> dataApi.query("SELECT 1")));
            out.add(latency("point `SELECT` with one parameter", runs,
                    i -> core.query("SELECT v FROM bench_rows WHERE id = ?", 1 + i % 3),
                    i -> dataApi.query("SELECT v FROM bench_rows WHERE id = :id", Map.of("id", 1 + i % 3))));
            out.add(latency("`INSERT` with one parameter (autocommit)", runs,
                    i -> core.update("INSERT INTO bench_rows (v) VALUES (?)", "x"),
                    i -> dataApi.update("INSERT INTO bench_rows (v) VALUES (:v)", Map.of("v", "x"))));
            out.add(latency("transaction of two `INSERT`s", Math.max(10, runs / 4),
                    i -> core.transaction(tx -> tx.update("INSERT INTO bench_rows (v) VALUES (?)", "t")
                            + tx.update("INSERT INTO bench_rows (v) VALUES (?)", "u")),
                    i -> dataApi.transaction(tx -> tx.update("INSERT INTO bench_rows (v) VALUES (:v)", Map.of("v", "t")).count()
                            + tx.update("INSERT INTO bench_rows (v) VALUES (:v)", Map.of("v", "u")).count())));
            return out;
        }
    }

    /** Warms both up, then runs them in turn; per-call milliseconds of each. */
    private static Latency latency(String statement, int runs, IntConsumer onCore, IntConsumer onDataApi) {
        for (int i = 0; i < Math.max(20, runs / 10); i++) {
            onCore.accept(i);
            onDataApi.accept(i);
        }
        List<Double> core = new ArrayList<>(runs);
        List<Double> dataApi = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            onCore.accept(i);
            long t1 = System.nanoTime();
            onDataApi.accept(i);
            long t2 = System.nanoTime();
            core.add((t1 - t0) / 1e6);
            dataApi.add((t2 - t1) / 1e6);
        }
        return new Latency(statement, Stats.median(core), Stats.percentile(core, 99), Stats.median(dataApi),
                Stats.percentile(dataApi, 99));
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        StringBuilder md = new StringBuilder("## 8. Data API transport\n\n"
                + "`DataApiClient` over the local Data API that `@MySqlTest(dataApi = true)` starts, against the core client"
                + " (MySQL Connector/J) on the same test database. The local endpoint stands in for AWS: these figures are"
                + " the client's own overhead (HTTP on 127.0.0.1, JSON, the AWS SDK with SigV4 signing, the endpoint's JDBC"
                + " call), not the service's latency, which adds tens of milliseconds per call.\n\n"
                + "Cold start: a minimal handler that runs one `SELECT 1` in a new JVM, timed from process start to its"
                + " printed result; median of " + f.coldRuns() + " alternating runs after one unmeasured start each. Classes"
                + " loaded: `-Xlog:class+load` lines of one more run each, JDK classes included.\n\n"
                + "| handler | JVM start to first result | classes loaded |\n|---|---|---|\n"
                + String.format("| core client (JDBC) | %s | %d |%n", Stats.ms(f.coreCold()), f.coreClasses())
                + String.format("| DataApiClient | %s | %d |%n", Stats.ms(f.dataApiCold()), f.dataApiClasses())
                + String.format("%nData API / core cold start: %.2fx.%n%n", f.dataApiCold() / f.coreCold())
                + "Per-statement latency of warm clients, the two transports in turn, " + f.statementRuns()
                + " calls each after a warm-up (transactions: a quarter as many):\n\n"
                + "| statement | core p50 | core p99 | Data API p50 | Data API p99 | p50 ratio |\n|---|---|---|---|---|---|\n");
        for (Latency l : f.latencies()) {
            md.append(String.format("| %s | %s | %s | %s | %s | %.1fx |%n", l.statement(), Stats.ms(l.coreP50()),
                    Stats.ms(l.coreP99()), Stats.ms(l.dataApiP50()), Stats.ms(l.dataApiP99()), l.dataApiP50() / l.coreP50()));
        }
        return md.toString();
    }
}
