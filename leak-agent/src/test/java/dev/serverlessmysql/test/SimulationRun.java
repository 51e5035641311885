package dev.serverlessmysql.test;

/** Stands in for test-support's simulator: what it runs is one simulated Lambda container each. */
public final class SimulationRun {

    private SimulationRun() {
    }

    public static void containers(int n, Runnable container) {
        for (int i = 0; i < n; i++) {
            container.run();
        }
    }
}
