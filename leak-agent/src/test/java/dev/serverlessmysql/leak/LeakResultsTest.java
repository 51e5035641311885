package dev.serverlessmysql.leak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakResultsTest {

    @Test
    void roundTripsEverythingIncludingTabsAndNewlines(@TempDir Path dir) throws Exception {
        LeakViolation v = new LeakViolation(LeakViolation.Kind.LEAKED_CONNECTION, "com.acme.FooTest", "bar",
                "bar()\twith tab", new Frame("com.acme.Foo", "open", "Foo.java", 42),
                new Frame("com.acme.App", "run", "App.java", 7), "main\nthread \\ 1", 2, null, null, null, -1, 1, 3);
        LeakViolation pool = new LeakViolation(LeakViolation.Kind.POOL_MULTIPLE_CONNECTIONS, "com.acme.PoolTest", null,
                "PoolTest", null, null, "main", 10, "com.acme.Handler", "com.zaxxer.hikari.HikariDataSource@1f",
                new Frame("com.acme.Handler", "<clinit>", "Handler.java", 12), 10, 1, 10);
        AgentRun run = new AgentRun(123, true, 7, 10, 2, 6, 3, 4, 1, 5,
                List.of("class com.acme.Broken could not be instrumented: java.lang.IllegalArgumentException"),
                java.util.Map.of("clients:com.acme.Db", Boolean.FALSE), List.of(v, pool));
        LeakResults.write(dir.resolve(LeakResults.fileName(123, 5)), run);
        List<AgentRun> read = LeakResults.readAll(dir);
        assertEquals(List.of(run), read);
        assertEquals("com.acme.FooTest#bar", read.get(0).violations().get(0).test());
    }

    @Test
    void missingDirectoryReadsAsNoRuns(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), LeakResults.readAll(dir.resolve("absent")));
    }

    @Test
    void framesParseBack() {
        Frame f = new Frame("a.B$C", "m", null, -1);
        assertEquals(f, Frame.parse(f.toString()));
        Frame g = new Frame("a.B", "<init>", "B.java", 3);
        assertEquals(g, Frame.parse(g.toString()));
    }
}
