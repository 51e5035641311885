package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoke run of the JMH overhead benchmarks: JMH finds all three and scores each against a live server. */
class OverheadBenchTest {

    @Test
    void smokeRunScoresClientRawJdbcAndEnd() {
        OverheadBench.Figures f = new OverheadBench(true).measure();
        assertTrue(f.client().median() > 0 && f.raw().median() > 0 && f.withEnd().median() > 0, f.toString());
        // the GC profiler's bytes per operation reached the figures: a query allocates at least its result list
        assertTrue(f.clientBytes().median() > 0 && f.rawBytes().median() > 0, f.toString());
        String md = OverheadBench.markdown(f, "");
        System.out.println(md);
        assertTrue(md.contains("| client / raw JDBC <= 1.03 (median of the rounds' ratios) | "), md);
        assertTrue(md.contains("| `end()` <= 10% of an invocation of one query | "), md);
    }
}
