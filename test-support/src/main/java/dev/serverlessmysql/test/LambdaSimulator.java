package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.time.Duration;
import java.util.Objects;
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

    /** Runs the simulation and reports on it. Handler instances are dropped afterwards, never closed. */
    public SimulationReport run() {
        Duration freeze = freezeBeyondWaitTimeout && freezeProbability > 0 ? waitTimeoutFreeze() : freezeDuration;
        return new SimulationRun<>(new SimulationRun.Plan<I>(factory, containers, invocations, concurrency, events,
                function, thinkMin, thinkMax, freezeProbability, freeze, reapFraction, reapAt, connectionCounter,
                sampleEvery, maxRunTime, seed)).execute();
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

    @Override
    public String toString() {
        return "LambdaSimulator[" + invocations + " invocations over " + containers + " containers, concurrency " + concurrency
                + "]";
    }
}
