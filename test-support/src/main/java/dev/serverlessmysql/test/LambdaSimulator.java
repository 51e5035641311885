package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Runs a handler under the Lambda lifecycle that breaks database code in production, against a real database.
 *
 * <ul>
 *   <li><b>Containers.</b> {@link #containers(int)} execution environments. Each constructs its own handler instance
 *       on its first invocation (the cold start) and reuses it afterwards; it runs one invocation at a time, always on
 *       the same runtime thread.</li>
 *   <li><b>Concurrency.</b> {@link #invocations(int)} invocations arrive on {@link #concurrency(int)} concurrent
 *       callers and are spread over idle containers at random.</li>
 *   <li><b>Freezes.</b> After an invocation a container may be frozen ({@link #freezes(double, Duration)}): it takes
 *       no invocation for that long, so a session it holds can pass the server's {@code wait_timeout}
 *       ({@link #freezesBeyondWaitTimeout(double)} reads it from the database).</li>
 *   <li><b>Reaping.</b> At a point of the run ({@link #reap(double, double)}), a share of the containers is dropped
 *       without any shutdown hook or close: their connections stay open on the server as zombies, and the next
 *       invocation there is a new cold start. A timed-out invocation resets its container the same way, as Lambda
 *       restarts the runtime after a timeout.</li>
 *   <li><b>Report.</b> {@link #run()} returns a {@link SimulationReport}: invocations, failures with their exceptions,
 *       latency percentiles, cold starts, and the peak number of server connections, sampled from the
 *       {@link #database(MySqlDatabase) database} while the run goes on.</li>
 * </ul>
 *
 * <p>Every invocation goes through {@link LambdaInvoker}: JSON in and out as the runtime does, with the function's
 * timeout enforced.
 *
 * <pre>{@code
 * SimulationReport report = LambdaSimulator.forHandler(() -> new OrdersHandler(db.jdbcUrl(), db.user(), db.password()))
 *         .containers(50).invocations(500).concurrency(10)
 *         .event(i -> Events.sqs().message("{\"order\":" + i + "}").build())
 *         .reap(0.1, 0.5)
 *         .database(db)
 *         .run();
 * report.assertAllSucceeded();
 * }</pre>
 *
 * @param <I> the handler's input type
 */
public final class LambdaSimulator<I> {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Supplier<?> factory;
    private int containers = 10;
    private int invocations = 100;
    private int concurrency = 4;
    private IntFunction<? extends I> events = i -> null;
    private TestContext.Builder function = TestContext.builder().echoLogs(false);
    private Duration thinkMin = Duration.ZERO;
    private Duration thinkMax = Duration.ZERO;
    private double freezeProbability;
    private Duration freezeDuration = Duration.ZERO;
    private boolean freezeBeyondWaitTimeout;
    private double reapFraction;
    private double reapAt = 0.5;
    private MySqlDatabase database;
    private IntSupplier connectionCounter;
    private Duration sampleEvery = Duration.ofMillis(20);
    private Duration maxRunTime = Duration.ofMinutes(5);
    private long seed = 42;

    private LambdaSimulator(Supplier<?> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Simulates a {@link RequestHandler}; {@code factory} is called once per cold start, like the handler's constructor. */
    public static <I> LambdaSimulator<I> forHandler(Supplier<? extends RequestHandler<I, ?>> factory) {
        return new LambdaSimulator<>(factory);
    }

    /** Simulates a {@link RequestStreamHandler}; events are written to JSON unless they are text or bytes already. */
    public static LambdaSimulator<Object> forStreamHandler(Supplier<? extends RequestStreamHandler> factory) {
        return new LambdaSimulator<>(factory);
    }

    /** How many execution environments there are (default 10). */
    public LambdaSimulator<I> containers(int containers) {
        this.containers = positive("containers", containers);
        return this;
    }

    /** How many invocations to run in all (default 100). */
    public LambdaSimulator<I> invocations(int invocations) {
        this.invocations = positive("invocations", invocations);
        return this;
    }

    /** How many invocations may run at once (default 4); never more than there are containers. */
    public LambdaSimulator<I> concurrency(int concurrency) {
        this.concurrency = positive("concurrency", concurrency);
        return this;
    }

    /** The event of invocation {@code i} (0-based); called on the caller threads, so keep it thread-safe. */
    public LambdaSimulator<I> event(IntFunction<? extends I> events) {
        this.events = Objects.requireNonNull(events, "events");
        return this;
    }

    /** The same event for every invocation. */
    public LambdaSimulator<I> event(I event) {
        this.events = i -> event;
        return this;
    }

    /** The function's settings: timeout, name, memory (log echo is off by default in a simulation). */
    public LambdaSimulator<I> function(TestContext.Builder function) {
        this.function = Objects.requireNonNull(function, "function").copy();
        this.function.build();
        return this;
    }

    /** The function's timeout (default 3 s). */
    public LambdaSimulator<I> timeout(Duration timeout) {
        this.function = function.copy().timeout(timeout);
        this.function.build();
        return this;
    }

    /** A pause of {@code min} to {@code max} (uniformly random) before each invocation arrives. */
    public LambdaSimulator<I> thinkTime(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("thinkTime needs 0 <= min <= max, got " + min + " and " + max);
        }
        this.thinkMin = min;
        this.thinkMax = max;
        return this;
    }

    /** After each invocation, with {@code probability}, freeze the container for {@code duration}. */
    public LambdaSimulator<I> freezes(double probability, Duration duration) {
        this.freezeProbability = share("freezes probability", probability);
        if (duration.isNegative()) {
            throw new IllegalArgumentException("freezes duration must not be negative, got " + duration);
        }
        this.freezeDuration = duration;
        this.freezeBeyondWaitTimeout = false;
        return this;
    }

    /**
     * After each invocation, with {@code probability}, freeze the container for the server's {@code wait_timeout}
     * plus a second, so the server kills the sessions it holds. Needs {@link #database(MySqlDatabase)}, and a server
     * started with a short {@code wait_timeout} (at most 60 s), for example
     * {@code @MySqlTest(serverVariables = {"wait_timeout=2"})}.
     */
    public LambdaSimulator<I> freezesBeyondWaitTimeout(double probability) {
        this.freezeProbability = share("freezes probability", probability);
        this.freezeBeyondWaitTimeout = true;
        return this;
    }

    /** Halfway through the run, drop {@code fraction} of the containers without any shutdown hook. */
    public LambdaSimulator<I> reap(double fraction) {
        return reap(fraction, 0.5);
    }

    /** When {@code atProgress} (0 to 1) of the invocations have started, drop {@code fraction} of the containers. */
    public LambdaSimulator<I> reap(double fraction, double atProgress) {
        this.reapFraction = share("reap fraction", fraction);
        this.reapAt = share("reap progress", atProgress);
        return this;
    }

    /** The test database whose server's connection count is sampled during the run. */
    public LambdaSimulator<I> database(MySqlDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.connectionCounter = () -> database.server().connectionCount();
        return this;
    }

    /** Any other way to read the server's connection count during the run. */
    public LambdaSimulator<I> connectionCounter(IntSupplier counter) {
        this.connectionCounter = Objects.requireNonNull(counter, "counter");
        return this;
    }

    /** How often the connection count is read (default every 20 ms). */
    public LambdaSimulator<I> sampleEvery(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sampleEvery must be more than zero, got " + interval);
        }
        this.sampleEvery = interval;
        return this;
    }

    /** The seed of the random choices (container picks, think times, freezes, reaps); 42 by default. */
    public LambdaSimulator<I> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The longest the whole run may take before it is abandoned with an error (default 5 minutes). */
    public LambdaSimulator<I> maxRunTime(Duration maxRunTime) {
        this.maxRunTime = Objects.requireNonNull(maxRunTime, "maxRunTime");
        return this;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, got " + value);
        }
        return value;
    }

    private static double share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private final class Container {
        final int slot;
        int generation;
        Object handler;
        LambdaInvoker invoker;
        boolean busy;
        long availableAtNanos;
        boolean reapPending;

        Container(int slot) {
            this.slot = slot;
        }

        String id() {
            return "c" + slot + (generation > 0 ? "#" + (generation + 1) : "");
        }

        /** Drops the handler instance as Lambda drops an environment: no close, no shutdown hook. */
        void drop(List<Object> graveyard) {
            if (handler != null) {
                graveyard.add(handler);
            }
            handler = null;
            if (invoker != null) {
                invoker.close();
                invoker = null;
            }
            generation++;
        }
    }

    private final class Run {
        final int id = RUNS.incrementAndGet();
        final Object lock = new Object();
        final List<Container> all = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(seed);
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final List<SimulationReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> succeeded = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> latencies = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> inits = Collections.synchronizedList(new ArrayList<>());
        final List<Object> graveyard = Collections.synchronizedList(new ArrayList<>());
        final List<SimulationReport.Sample> samples = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger sampleErrors = new AtomicInteger();
        final AtomicInteger coldStarts = new AtomicInteger();
        final AtomicInteger reaped = new AtomicInteger();
        final AtomicInteger freezes = new AtomicInteger();
        final long started = System.nanoTime();
        final int reapIndex = (int) Math.floor(reapAt * invocations);
        boolean reapDone;
        volatile boolean finished;
        Duration freeze = freezeDuration;

        Run() {
            for (int i = 0; i < containers; i++) {
                all.add(new Container(i + 1));
            }
        }
    }

    /** Runs the simulation and reports on it. Handler instances are dropped afterwards, never closed. */
    public SimulationReport run() {
        Run run = new Run();
        if (freezeBeyondWaitTimeout && freezeProbability > 0) {
            run.freeze = waitTimeoutFreeze();
        }
        int callers = Math.min(concurrency, containers);
        ExecutorService pool = Executors.newFixedThreadPool(callers + 1, r -> {
            Thread t = new Thread(r, "lambda-simulator-" + run.id + "-" + Integer.toHexString(r.hashCode()));
            t.setDaemon(true);
            return t;
        });
        Future<?> sampler = connectionCounter == null ? null : pool.submit(() -> sample(run));
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            workers.add(pool.submit(() -> {
                work(run);
                return null;
            }));
        }
        try {
            long deadline = System.nanoTime() + maxRunTime.toNanos();
            for (Future<?> worker : workers) {
                worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The Lambda simulation did not finish within " + maxRunTime + " ("
                    + run.next.get() + " of " + invocations + " invocations started). Raise maxRunTime or shorten freezes.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The Lambda simulation itself failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the Lambda simulation", e);
        } finally {
            run.finished = true;
            if (sampler != null) {
                try {
                    sampler.get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    sampler.cancel(true);
                }
            }
            pool.shutdownNow();
            for (Container c : run.all) {
                if (c.invoker != null) {
                    c.invoker.close();
                }
            }
        }
        SimulationReport report = new SimulationReport(invocations, containers, run.maxInFlight.get(), run.failures,
                run.succeeded, run.latencies, run.inits, run.coldStarts.get(), run.reaped.get(), run.freezes.get(), run.samples,
                run.sampleErrors.get(), Duration.ofNanos(System.nanoTime() - run.started));
        run.graveyard.clear();
        return report;
    }

    private Duration waitTimeoutFreeze() {
        if (database == null) {
            throw new IllegalStateException("freezesBeyondWaitTimeout needs the database: call database(db) too.");
        }
        int waitTimeout = Integer.parseInt(database.server().variable("wait_timeout").trim());
        if (waitTimeout > 60) {
            throw new IllegalStateException("The server's wait_timeout is " + waitTimeout + " s; freezing containers that long"
                    + " would stall the test. Start the server with a short one, for example"
                    + " @MySqlTest(serverVariables = {\"wait_timeout=2\"}).");
        }
        return Duration.ofSeconds(waitTimeout + 1L);
    }

    private void sample(Run run) {
        while (true) {
            boolean last = run.finished;
            try {
                run.samples.add(new SimulationReport.Sample(Duration.ofNanos(System.nanoTime() - run.started),
                        connectionCounter.getAsInt()));
            } catch (RuntimeException e) {
                run.sampleErrors.incrementAndGet();
            }
            if (last) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, sampleEvery.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void work(Run run) throws InterruptedException {
        while (true) {
            int index = run.next.getAndIncrement();
            if (index >= invocations) {
                return;
            }
            Random local = new Random(seed * 31 + index);
            maybeReap(run, index);
            long think = thinkMin.toNanos() + (thinkMax.compareTo(thinkMin) > 0
                    ? (long) (local.nextDouble() * (thinkMax.toNanos() - thinkMin.toNanos())) : 0);
            if (think > 0) {
                TimeUnit.NANOSECONDS.sleep(think);
            }
            Container container = acquire(run);
            try {
                invoke(run, container, index, local);
            } finally {
                release(run, container, local);
            }
        }
    }

    private void maybeReap(Run run, int index) {
        if (reapFraction <= 0 || index < run.reapIndex) {
            return;
        }
        synchronized (run.lock) {
            if (run.reapDone) {
                return;
            }
            run.reapDone = true;
            List<Container> started = new ArrayList<>();
            for (Container c : run.all) {
                if (c.handler != null) {
                    started.add(c);
                }
            }
            int count = (int) Math.round(reapFraction * containers);
            for (int i = 0; i < count && !started.isEmpty(); i++) {
                Container victim = started.remove(run.random.nextInt(started.size()));
                if (victim.busy) {
                    victim.reapPending = true;
                } else {
                    victim.drop(run.graveyard);
                    run.reaped.incrementAndGet();
                }
            }
        }
    }

    private Container acquire(Run run) throws InterruptedException {
        synchronized (run.lock) {
            while (true) {
                long now = System.nanoTime();
                List<Container> idle = new ArrayList<>();
                long soonest = Long.MAX_VALUE;
                for (Container c : run.all) {
                    if (!c.busy) {
                        if (c.availableAtNanos - now <= 0) {
                            idle.add(c);
                        } else {
                            soonest = Math.min(soonest, c.availableAtNanos - now);
                        }
                    }
                }
                if (!idle.isEmpty()) {
                    Container chosen = idle.get(run.random.nextInt(idle.size()));
                    chosen.busy = true;
                    return chosen;
                }
                long waitMillis = soonest == Long.MAX_VALUE ? 100 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(soonest) + 1);
                run.lock.wait(waitMillis);
            }
        }
    }

    private void release(Run run, Container container, Random local) {
        synchronized (run.lock) {
            if (container.reapPending) {
                container.reapPending = false;
                container.drop(run.graveyard);
                run.reaped.incrementAndGet();
            } else if (freezeProbability > 0 && container.handler != null && local.nextDouble() < freezeProbability) {
                container.availableAtNanos = System.nanoTime() + run.freeze.toNanos();
                run.freezes.incrementAndGet();
            }
            container.busy = false;
            run.lock.notifyAll();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void invoke(Run run, Container container, int index, Random local) {
        int now = run.inFlight.incrementAndGet();
        run.maxInFlight.accumulateAndGet(now, Math::max);
        long started = System.nanoTime();
        boolean cold = container.handler == null;
        try {
            if (cold) {
                Object handler;
                try {
                    handler = factory.get();
                    if (!(handler instanceof RequestHandler) && !(handler instanceof RequestStreamHandler)) {
                        throw new IllegalArgumentException("The handler factory returned "
                                + (handler == null ? "null" : handler.getClass().getName())
                                + ", which is neither a RequestHandler nor a RequestStreamHandler.");
                    }
                } catch (RuntimeException | Error e) {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    run.latencies.add(took);
                    run.failures.add(new SimulationReport.Failure(index, container.id(), null, SimulationReport.Phase.INIT,
                            e.getClass().getName(), String.valueOf(e.getMessage()), e, took, true));
                    return;
                }
                run.inits.add(Duration.ofNanos(System.nanoTime() - started));
                run.coldStarts.incrementAndGet();
                container.handler = handler;
                container.invoker = LambdaInvoker.forFunction(function.copy().logStreamName(null));
            }
            I event = events.apply(index);
            InvocationResult<?> result = container.handler instanceof RequestHandler handler
                    ? container.invoker.invoke(handler, event)
                    : container.invoker.invoke((RequestStreamHandler) container.handler, event);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            run.latencies.add(took);
            if (result.succeeded()) {
                run.succeeded.add(took);
                return;
            }
            SimulationReport.Phase phase = result.timedOut() ? SimulationReport.Phase.TIMEOUT : SimulationReport.Phase.INVOKE;
            run.failures.add(new SimulationReport.Failure(index, container.id(), result.requestId(), phase, result.errorType(),
                    result.errorMessage(), result.error(), took, cold));
            if (result.timedOut()) {
                synchronized (run.lock) {
                    container.drop(run.graveyard);
                }
            }
        } finally {
            run.inFlight.decrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "LambdaSimulator[" + invocations + " invocations over " + containers + " containers, concurrency " + concurrency
                + "]";
    }
}
