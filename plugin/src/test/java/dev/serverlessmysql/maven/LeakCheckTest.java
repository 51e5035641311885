package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.leak.AgentRun;
import dev.serverlessmysql.leak.Frame;
import dev.serverlessmysql.leak.LeakViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakCheckTest {

    private static LeakViolation leak(String testClass, String method, String openerClass) {
        return new LeakViolation(LeakViolation.Kind.LEAKED_CONNECTION, testClass, method, method + "()",
                new Frame(openerClass, "open", "X.java", 3), null, "main", 1, null, null, null, -1, 1, 1);
    }

    private static AgentRun run(LeakViolation... v) {
        return new AgentRun(1, true, 5, 4, 10, 6, 1, 2, 3, 0, List.of(), java.util.Map.of(), List.of(v));
    }

    @Test
    void exceptionsByTestMethodClassAndPackage() {
        LeakCheck check = new LeakCheck(List.of(
                new LeakException("com.acme.ATest#one", null, "flaky driver"),
                new LeakException("com.acme.B*", null, "legacy tests"),
                new LeakException(null, "com.acme.legacy", "old DAO"),
                new LeakException("com.acme.Never", null, "stale")));
        LeakCheck.Result r = check.apply(List.of(run(
                leak("com.acme.ATest", "one", "com.acme.Repo"),
                leak("com.acme.ATest", "two", "com.acme.Repo"),
                leak("com.acme.BTest", "x", "com.acme.Repo"),
                leak("com.acme.CTest", "y", "com.acme.legacy.Dao"))));
        assertEquals(1, r.violations().size());
        assertEquals("com.acme.ATest#two", r.violations().get(0).test());
        assertEquals(3, r.excepted().size());
        assertEquals("old DAO", r.excepted().get(2).exception().getReason());
        assertEquals(1, r.unused().size());
        assertEquals(10, r.userConnections());
    }

    @Test
    void everyExceptionNeedsAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LeakCheck(List.of(new LeakException("com.acme.ATest", null, " "))));
        assertTrue(e.getMessage().contains("<reason>"));
        assertThrows(IllegalArgumentException.class,
                () -> new LeakCheck(List.of(new LeakException(null, null, "why"))));
    }

    @Test
    void failureMessageNamesTestOpenerThreadAndCount() {
        String text = LeakWording.leak(leak("com.acme.ATest", "one", "com.acme.Repo"));
        assertTrue(text.contains("com.acme.ATest#one: 1 connection left open [connection leaked]"), text);
        assertTrue(text.contains("opened at com.acme.Repo.open(X.java:3) on thread 'main'"), text);
    }
}
