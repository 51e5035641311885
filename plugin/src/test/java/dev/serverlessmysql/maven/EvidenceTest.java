package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.leak.AgentRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTest {

    private static Evidence.Facts facts(int classes, boolean tests, boolean prepared, boolean data, int matched,
            int stale) {
        return new Evidence.Facts(classes, classes, tests, prepared, "target/x.exec", data, matched, stale,
                "argLine");
    }

    @Test
    void noClassesOrNoTestsPassAndSaySo() {
        Evidence.Verdict v = Evidence.coverage(facts(0, true, true, true, 0, 0));
        assertEquals(Evidence.Status.NOTHING_TO_CHECK, v.status());
        assertTrue(v.reason().contains("no classes"));
        v = Evidence.coverage(facts(3, false, true, false, 0, 0));
        assertEquals(Evidence.Status.NOTHING_TO_CHECK, v.status());
        assertTrue(v.reason().contains("no tests ran"));
        assertEquals(Evidence.Status.NOTHING_TO_CHECK, Evidence.leaks(facts(3, false, true, false, 0, 0), List.of())
                .status());
    }

    @Test
    void testsWithoutDataFailClosedWithReasonAndFix() {
        Evidence.Verdict noPrepare = Evidence.coverage(facts(3, true, false, false, 0, 0));
        assertEquals(Evidence.Status.FAIL, noPrepare.status());
        assertTrue(noPrepare.fix().contains("<goal>prepare</goal>"));

        Evidence.Verdict noData = Evidence.coverage(facts(3, true, true, false, 0, 0));
        assertEquals(Evidence.Status.FAIL, noData.status());
        assertTrue(noData.fix().contains("@{argLine}"));

        Evidence.Verdict stale = Evidence.coverage(facts(3, true, true, true, 0, 2));
        assertEquals(Evidence.Status.FAIL, stale.status());
        assertTrue(stale.fix().contains("mvn clean verify"));

        Evidence.Verdict none = Evidence.coverage(facts(3, true, true, true, 0, 0));
        assertEquals(Evidence.Status.FAIL, none.status());
        assertTrue(none.reason().contains("matches none of the 3 classes"));

        assertEquals(Evidence.Status.CHECK, Evidence.coverage(facts(3, true, true, true, 1, 0)).status());
    }

    @Test
    void leakCheckFailsClosedWithoutAgentOrListener() {
        Evidence.Facts f = facts(3, true, true, true, 1, 0);
        assertEquals(Evidence.Status.FAIL, Evidence.leaks(f, List.of()).status());
        AgentRun noListener = new AgentRun(1, false, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), java.util.Map.of(), List.of());
        Evidence.Verdict v = Evidence.leaks(f, List.of(noListener));
        assertEquals(Evidence.Status.FAIL, v.status());
        assertTrue(v.fix().contains("junit-vintage-engine"));
        AgentRun ok = new AgentRun(1, true, 3, 0, 0, 0, 0, 0, 0, 0, List.of(), java.util.Map.of(), List.of());
        assertEquals(Evidence.Status.CHECK, Evidence.leaks(f, List.of(ok)).status());
    }
}
