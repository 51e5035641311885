package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smoke run of the simulator's overhead section: every variant is measured and the section shows each one. */
class SimulatorBenchTest {

    @Test
    void smokeRunMeasuresEveryVariant() {
        SimulatorBench.Figures f = new SimulatorBench(true).measure();
        assertTrue(f.directMicros() > 0 && f.invokerMicros() > 0 && f.factoryMicros() > 0 && f.isolatedMicros() > 0, f.toString());
        assertTrue(f.isolatedInitMillis() > 0 && f.factoryInitMillis() >= 0, f.toString());
        assertTrue(f.heapKibPerContainer() != 0 || f.metaspaceKibPerContainer() != 0, f.toString());
        String md = SimulatorBench.markdown(f);
        System.out.println(md);
        assertTrue(md.contains("## 7. LambdaSimulator overhead"), md);
        assertTrue(md.contains("own overhead per invocation"), md);
    }
}
