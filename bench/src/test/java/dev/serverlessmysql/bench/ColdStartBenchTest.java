package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke run of the cold-start benchmark: both handlers answer in a new JVM and the core's jar is found and read. */
class ColdStartBenchTest {

    @Test
    void smokeRunStartsBothHandlersAndReadsTheCoreJar(@TempDir Path work) throws Exception {
        ColdStartBench.Figures f = new ColdStartBench(true, work).measure();
        assertTrue(f.core() > 0 && f.hikari() > 0, f.toString());
        assertTrue(f.coreClasses() > 100 && f.hikariClasses() > 100, "the class logs count JDK classes too: " + f);
        assertTrue(f.jarBytes() > 0, f.toString());
        String md = ColdStartBench.markdown(f);
        System.out.println(md);
        assertTrue(md.contains("| zero runtime dependencies beyond the driver | "), md);
    }
}
