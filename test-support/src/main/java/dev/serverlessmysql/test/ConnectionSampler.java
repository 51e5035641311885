package dev.serverlessmysql.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Reads the server's connection count while a {@link LambdaSimulator} run goes on. A failed read is counted, not
 * thrown, because a server struggling under the run is exactly what the report should show.
 */
final class ConnectionSampler {

    private final IntSupplier counter;
    private final Duration every;
    private final long started;
    private final List<SimulationReport.Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger errors = new AtomicInteger();
    private volatile boolean finished;

    ConnectionSampler(IntSupplier counter, Duration every, long startedNanos) {
        this.counter = counter;
        this.every = every;
        this.started = startedNanos;
    }

    /** Samples until {@link #finish()}, then takes one last sample so the end of the run is seen too. */
    void run() {
        while (true) {
            boolean last = finished;
            try {
                samples.add(new SimulationReport.Sample(Duration.ofNanos(System.nanoTime() - started), counter.getAsInt()));
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
            if (last) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, every.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void finish() {
        finished = true;
    }

    List<SimulationReport.Sample> samples() {
        return samples;
    }

    int errors() {
        return errors.get();
    }
}
