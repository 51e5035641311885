package com.example.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the suite several times in one JVM through the JUnit Platform (so the leak agent's listener is active when
 * the agent is attached) and prints the time of each run after the first, which also starts the server.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Launcher launcher = LauncherFactory.create();
        for (int i = 0; i < runs; i++) {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            java.util.Map<String, Long> perMethod = new java.util.TreeMap<>();
            java.util.Map<String, Long> started = new java.util.HashMap<>();
            org.junit.platform.launcher.TestExecutionListener timing = new org.junit.platform.launcher.TestExecutionListener() {
                @Override
                public void executionStarted(org.junit.platform.launcher.TestIdentifier id) {
                    started.put(id.getUniqueId(), System.nanoTime());
                }

                @Override
                public void executionFinished(org.junit.platform.launcher.TestIdentifier id,
                        org.junit.platform.engine.TestExecutionResult r) {
                    if (id.isTest()) {
                        String m = id.getUniqueId().contains("poolBorrow") ? "pool" : "physical";
                        perMethod.merge(m, System.nanoTime() - started.get(id.getUniqueId()), Long::sum);
                    }
                }
            };
            long t0 = System.nanoTime();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(JdbcHeavyTest.class))
                    .build(), summary, timing);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (summary.getSummary().getTotalFailureCount() > 0) {
                summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err), 20);
                System.exit(1);
            }
            if (i > 0) {
                StringBuilder b = new StringBuilder("run-ms " + ms);
                perMethod.forEach((m, ns) -> b.append(' ').append(m).append('=').append(ns / 1_000_000));
                System.out.println(b);
            }
        }
    }
}
