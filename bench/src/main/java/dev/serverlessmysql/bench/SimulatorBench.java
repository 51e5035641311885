package dev.serverlessmysql.bench;

import dev.serverlessmysql.bench.simulated.NoopHandler;
import dev.serverlessmysql.bench.simulated.StaticClientHandler;
import dev.serverlessmysql.test.LambdaInvoker;
import dev.serverlessmysql.test.LambdaSimulator;
import dev.serverlessmysql.test.SimulatedContainer;
import dev.serverlessmysql.test.SimulationReport;
import dev.serverlessmysql.test.TestContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own cost, without a database: per invocation (a handler that does nothing, called directly, through
 * {@code LambdaInvoker}, and through {@code LambdaSimulator} with handlers from a factory and named by class), per
 * cold start of an isolated container (a handler with the archetype's static client), and the memory 200 isolated
 * containers of that handler hold.
 */
final class SimulatorBench {

    static final int CONTAINERS_FOR_MEMORY = 200;
    private static final Map<String, Object> EVENT = Map.of("order", 42);

    private final boolean smoke;

    SimulatorBench(boolean smoke) {
        this.smoke = smoke;
    }

    /** Runs this section alone and prints its Markdown: {@code SimulatorBench full|smoke}. */
    public static void main(String[] args) {
        System.out.println(markdown(new SimulatorBench(args.length > 0 && args[0].equals("smoke")).measure()));
        System.exit(0);
    }

    /** Medians over the rounds, in microseconds per invocation, and the cold-start and memory figures. */
    record Figures(int rounds, int invocations, double directMicros, double invokerMicros, double factoryMicros,
                   double isolatedMicros, double isolatedInitMillis, double factoryInitMillis, int memoryContainers,
                   double heapKibPerContainer, double metaspaceKibPerContainer) {

        /** What the simulator adds to a handler call, per invocation: its median minus the direct call's. */
        double overheadMicros() {
            return isolatedMicros - directMicros;
        }
    }

    Figures measure() {
        int rounds = smoke ? 2 : 7;
        int invocations = smoke ? 300 : 5000;
        List<Double> direct = new ArrayList<>();
        List<Double> invoker = new ArrayList<>();
        List<Double> factory = new ArrayList<>();
        List<Double> isolated = new ArrayList<>();
        List<Double> isolatedInit = new ArrayList<>();
        List<Double> factoryInit = new ArrayList<>();
        for (int round = -1; round < rounds; round++) {
            // round -1 warms the JIT and is not reported; the variants alternate within every round
            double d = direct(invocations);
            double i = invoker(invocations);
            double f = simulated(LambdaSimulator.forHandler(NoopHandler::new), invocations);
            double s = simulated(LambdaSimulator.forHandler(NoopHandler.class), invocations);
            double[] inits = coldStarts(smoke ? 8 : 40);
            if (round >= 0) {
                direct.add(d);
                invoker.add(i);
                factory.add(f);
                isolated.add(s);
                isolatedInit.add(inits[0]);
                factoryInit.add(inits[1]);
            }
        }
        int memoryContainers = smoke ? 20 : CONTAINERS_FOR_MEMORY;
        double[] memory = memoryPerContainer(memoryContainers);
        return new Figures(rounds, invocations, Stats.median(direct), Stats.median(invoker), Stats.median(factory),
                Stats.median(isolated), Stats.median(isolatedInit), Stats.median(factoryInit), memoryContainers,
                memory[0], memory[1]);
    }

    private static double direct(int invocations) {
        NoopHandler handler = new NoopHandler();
        TestContext context = TestContext.builder().echoLogs(false).build();
        long started = System.nanoTime();
        for (int i = 0; i < invocations; i++) {
            context = context.nextInvocation();
            handler.handleRequest(EVENT, context);
        }
        return (System.nanoTime() - started) / 1e3 / invocations;
    }

    private static double invoker(int invocations) {
        NoopHandler handler = new NoopHandler();
        try (LambdaInvoker invoker = LambdaInvoker.forFunction(TestContext.builder().echoLogs(false))) {
            long started = System.nanoTime();
            for (int i = 0; i < invocations; i++) {
                invoker.invoke(handler, EVENT);
            }
            return (System.nanoTime() - started) / 1e3 / invocations;
        }
    }

    /** Wall time per invocation of a run on one caller and four containers, whose four inits are left out. */
    private static double simulated(LambdaSimulator<Map<String, Object>> simulator, int invocations) {
        SimulationReport report = simulator.containers(4).invocations(invocations).concurrency(1).event(EVENT).run();
        report.assertAllSucceeded();
        double initNanos = report.initDurations().mean().toNanos() * (double) report.initDurations().count();
        return (report.wallTime().toNanos() - initNanos) / 1e3 / invocations;
    }

    /** Median init of a container: [named by class (isolated), from a factory (shared classes)], in ms. */
    private static double[] coldStarts(int containers) {
        LambdaSimulator<Map<String, Object>> isolated = withClientEnvironment(LambdaSimulator.forHandler(StaticClientHandler.class));
        SimulationReport a = isolated.containers(containers).invocations(containers).concurrency(1).event(EVENT).run();
        a.assertAllSucceeded();
        SimulationReport b = LambdaSimulator.forHandler(NoopHandler::new).containers(containers).invocations(containers)
                .concurrency(1).event(EVENT).run();
        b.assertAllSucceeded();
        return new double[] {a.initDurations().p50().toNanos() / 1e6, b.initDurations().p50().toNanos() / 1e6};
    }

    private static <I> LambdaSimulator<I> withClientEnvironment(LambdaSimulator<I> simulator) {
        return simulator.environment("DB_URL", "jdbc:mysql://127.0.0.1:1/orders").environment("DB_USER", "app")
                .environment("DB_PASSWORD", "secret");
    }

    /** Heap and metaspace held per warm isolated container of {@link StaticClientHandler}, in KiB, after a full GC. */
    private static double[] memoryPerContainer(int count) {
        long heapBefore = heapUsed();
        long metaBefore = metaspaceUsed();
        LambdaSimulator<Map<String, Object>> simulator = withClientEnvironment(LambdaSimulator.forHandler(StaticClientHandler.class));
        List<SimulatedContainer> containers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                SimulatedContainer c = simulator.container();
                containers.add(c);
                if (!c.invoke(EVENT).succeeded()) {
                    throw new IllegalStateException("container " + i + " failed: " + c.invoke(EVENT));
                }
            }
            long heap = heapUsed() - heapBefore;
            long meta = metaspaceUsed() - metaBefore;
            return new double[] {heap / 1024.0 / count, meta / 1024.0 / count};
        } finally {
            containers.forEach(SimulatedContainer::close);
        }
    }

    private static long heapUsed() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long metaspaceUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        StringBuilder md = new StringBuilder("## 7. LambdaSimulator overhead\n\n")
                .append(String.format("A handler that does nothing, %d invocations per variant and round, %d rounds plus a"
                        + " warm-up round, the variants alternating within each round; medians of the rounds. The simulator"
                        + " runs use one caller and four containers; their four inits are taken out of the wall time. No"
                        + " database is involved.%n%n", f.invocations(), f.rounds()))
                .append("| variant | per invocation |\n|---|---|\n")
                .append(String.format("| direct call `handler.handleRequest(event, context)` | %.1f µs |%n", f.directMicros()))
                .append(String.format("| `LambdaInvoker.invoke` (JSON in and out, runtime thread, timeout) | %.1f µs |%n", f.invokerMicros()))
                .append(String.format("| `LambdaSimulator`, handler from a factory | %.1f µs |%n", f.factoryMicros()))
                .append(String.format("| `LambdaSimulator`, handler named by class (isolated containers, log capture) | %.1f µs |%n", f.isolatedMicros()))
                .append(String.format("%nThe simulator's own overhead per invocation (isolated minus direct): **%.1f µs**.%n%n",
                        f.overheadMicros()))
                .append("| cold start (init phase, median) | measured |\n|---|---|\n")
                .append(String.format("| isolated container of a handler with the archetype's static client (class loading of the handler and core) | %s |%n",
                        Stats.ms(f.isolatedInitMillis())))
                .append(String.format("| handler from a factory (nothing to load) | %s |%n", Stats.ms(f.factoryInitMillis())))
                .append(String.format("%n%d warm isolated containers of that handler at once hold %.0f KiB of heap and %.0f KiB of"
                        + " metaspace each (after a full GC), so 200 fit in any default surefire heap.%n",
                        f.memoryContainers(), f.heapKibPerContainer(), f.metaspaceKibPerContainer()));
        return md.toString();
    }
}
