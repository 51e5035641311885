package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.Fixtures;
import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every engine that can run on a machine without Docker, each driven through the annotation as a user would. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EnginePathsTest {

    private static volatile MySqlDatabase seen;
    private static RunningServer external;

    @Fixtures.Fixture
    @MySqlTest(init = "db/schema.sql")
    static class RecordsItsDatabase {
        @Test
        void queriesAsTheApplicationUser(MySqlDatabase db) throws SQLException {
            assertEquals(List.of("Ada", "Grace"), Fixtures.strings(db.dataSource(), "SELECT name FROM customer ORDER BY id"));
            seen = db;
        }
    }

    @BeforeAll
    static void startAServerToActAsExternal() {
        external = Servers.dedicated(TestSettings.fromSystem(), List.of());
    }

    @AfterAll
    static void stopIt() {
        Servers.release(external);
    }

    @Test
    void externalUsesTheServerAtTheUrlAndCleansUpAfterTheClass() throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + external.port() + "/?user=root";
        assertNull(run(Map.of(TestSettings.ENGINE, "external", TestSettings.URL, url)));
        assertEquals(Engine.EXTERNAL, seen.engine());
        assertEquals(external.port(), seen.server().port());
        assertFalse(seen.jdbcUrl().contains("user=root"), seen.jdbcUrl());
        assertEquals(List.of(), adminStrings(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + seen.name() + "'"));
        assertEquals(List.of(), adminStrings(
                "SELECT User FROM mysql.user WHERE User = '" + seen.user() + "'"));
    }

    @Test
    void anUnreachableExternalUrlIsNamedWithoutItsPassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String failure = run(Map.of(TestSettings.ENGINE, "external",
                TestSettings.URL, "jdbc:mysql://admin:Sup3rSecret@127.0.0.1:" + closed + "/?password=Sup3rSecret"));
        assertNotNull(failure);
        assertTrue(failure.contains("jdbc:mysql://admin:****@127.0.0.1:" + closed + "/?password=****"), failure);
        assertTrue(failure.contains("set by JUnit configuration parameter serverlessmysql.test.url"), failure);
        assertFalse(failure.contains("Sup3rSecret"), failure);
    }

    @Test
    void localRunsServerBinariesFoundOnDisk() {
        Path unpacked = new EmbeddedBinaries(TestSettings.fromSystem().cacheDir()).unpack().basedir();
        assertNull(run(Map.of(TestSettings.ENGINE, "local", TestSettings.LOCAL_PATH, unpacked.toString())));
        assertEquals(Engine.LOCAL, seen.engine());
        assertTrue(seen.serverVersion().contains("MariaDB"), seen.serverVersion());
    }

    @Test
    void embeddedUnpacksMariaDb4jsBinariesIntoAnEmptyCache(@TempDir Path cache) throws IOException {
        assertNull(run(Map.of(TestSettings.ENGINE, "embedded", TestSettings.CACHE, cache.toString())));
        assertEquals(Engine.EMBEDDED, seen.engine());
        try (var unpacked = Files.list(cache)) {
            Path dir = unpacked.filter(p -> p.getFileName().toString().startsWith("mariadb-")).findFirst().orElseThrow();
            assertTrue(Files.isExecutable(dir.resolve("bin/mariadbd")));
        }
    }

    private static List<String> adminStrings(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var c = DriverManager.getConnection(external.jdbcUrl(""), external.adminUser(), external.adminPassword());
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String run(Map<String, String> parameters) {
        seen = null;
        return Fixtures.failure(Fixtures.run(RecordsItsDatabase.class, parameters));
    }
}
