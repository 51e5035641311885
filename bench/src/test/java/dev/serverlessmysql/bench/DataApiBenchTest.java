package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke run of the Data API benchmark: both handlers answer in a new JVM and every statement runs on both. */
class DataApiBenchTest {

    @Test
    void smokeRunStartsBothHandlersAndTimesEveryStatement(@TempDir Path work) {
        DataApiBench.Figures f = new DataApiBench(true, work).measure();
        assertTrue(f.coreCold() > 0 && f.dataApiCold() > 0, f.toString());
        assertTrue(f.dataApiClasses() > f.coreClasses(), "the AWS SDK loads more classes than JDBC: " + f);
        assertEquals(4, f.latencies().size());
        f.latencies().forEach(l -> assertTrue(l.coreP50() > 0 && l.dataApiP50() > 0, l.toString()));
        String md = DataApiBench.markdown(f);
        System.out.println(md);
        assertTrue(md.contains("| DataApiClient | "), md);
    }
}
