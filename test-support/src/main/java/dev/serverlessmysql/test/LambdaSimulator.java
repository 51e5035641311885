package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a handler under the Lambda lifecycle that breaks database code in production, against a real database.
 *
 * <ul>
 *   <li><b>Containers.</b> {@link #containers(int)} execution environments. A handler named by class
 *       ({@link #forHandler(Class)}) is loaded afresh in each container's own class loader, together with the
 *       application's classes and the toolkit's client, so {@code static} fields are per container as in Lambda; it
 *       is built through its public no-argument constructor, and {@code System.getenv} in those classes reads the
 *       {@link #environment(String, String) environment} the simulator gives (the JVM's own is never touched). The
 *       JDK, JUnit, the Lambda interfaces and events, the JDBC drivers and test-support are shared. A handler from a
 *       factory ({@link #forHandler(Supplier)}) is built by that factory in the test's own classes instead.</li>
 *   <li><b>Init.</b> A container's first invocation starts with the init phase (class initialisation and
 *       construction) under the {@link #initTimeout(Duration) init limit}, not counted in the function's timeout and
 *       reported apart ({@link SimulationReport#initDurations()}); a failed init is retried inside the first
 *       invocation, and reported as {@code Runtime.InitError} if it fails again. A container runs one invocation at a
 *       time, always on its runtime thread.</li>
 *   <li><b>Concurrency.</b> {@link #invocations(int)} invocations arrive on {@link #concurrency(int)} concurrent
 *       callers and are spread over idle containers at random.</li>
 *   <li><b>Freezes.</b> After an invocation a container may be frozen ({@link #freezes(double, Duration)}): it takes
 *       no invocation for that long, so a session it holds can pass the server's {@code wait_timeout}
 *       ({@link #freezesBeyondWaitTimeout(double)} reads it from the database).</li>
 *   <li><b>Reaping.</b> At a point of the run ({@link #reap(double, double)}), a share of the containers is dropped
 *       without any shutdown hook or close: their connections stay open on the server as zombies, and the next
 *       invocation there is a new cold start. A timed-out invocation resets its container the same way, as Lambda
 *       restarts the runtime after a timeout.</li>
 *   <li><b>Success.</b> A handler that throws or times out fails; so does a response the
 *       {@link #succeedsWhen(Predicate) success rule} rejects, by default an API Gateway or ALB response with a 5xx
 *       status.</li>
 *   <li><b>Report.</b> {@link #run()} returns a {@link SimulationReport}: invocations, failures with their exceptions
 *       and what each logged, latency percentiles, init durations, cold starts, and the peak number of server
 *       connections, sampled from the {@link #database(MySqlDatabase) database} while the run goes on.</li>
 * </ul>
 *
 * <p>Every invocation goes through {@link LambdaInvoker}: JSON in and out as the runtime does, with the function's
 * timeout enforced.
 *
 * <pre>{@code
 * SimulationReport report = LambdaSimulator.forHandler(OrdersHandler.class)
 *         .environment("DB_URL", db.jdbcUrl()).environment("DB_USER", db.user()).environment("DB_PASSWORD", db.password())
 *         .containers(50).invocations(500).concurrency(10)
 *         .event(i -> Events.apiGateway().get("/orders").build())
 *         .reap(0.1, 0.5)
 *         .database(db)
 *         .run();
 * report.assertAllSucceeded();
 * }</pre>
 *
 * @param <I> the handler's input type
 */
public final class LambdaSimulator<I> {

    /** Lambda's limit on the init phase. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The execution role's session token in every simulated container's {@code AWS_SESSION_TOKEN}, as Lambda sets
     * one there: code that calls the Parameters and Secrets extension or signs requests finds it; it opens nothing.
     */
    public static final String SIMULATED_SESSION_TOKEN = "simulated-lambda-session-token";
    /** The role's access key id in every simulated container's {@code AWS_ACCESS_KEY_ID}; a stand-in. */
    public static final String SIMULATED_ACCESS_KEY_ID = "ASIASIMULATEDLAMBDA0";
    /** The role's secret key in every simulated container's {@code AWS_SECRET_ACCESS_KEY}; a stand-in. */
    public static final String SIMULATED_SECRET_ACCESS_KEY = "simulated/lambda/secret/access/key/000000";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    /** Keys Lambda sets itself and refuses in a function's configuration. */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private final Supplier<?> factory;
    private final Class<?> handlerClass;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> isolatedPackages = new ArrayList<>();
    private final List<String> sharedPackages = new ArrayList<>();
    private final Set<String> isolatedRoots = new LinkedHashSet<>();
    private final AtomicInteger directContainers = new AtomicInteger();
    private Duration initTimeout = DEFAULT_INIT_TIMEOUT;
    private Predicate<Object> successRule = SuccessRule.NO_SERVER_ERROR;
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
        this.handlerClass = null;
    }

    private LambdaSimulator(Class<?> handlerClass) {
        HandlerFactory.Loaded.validate(Objects.requireNonNull(handlerClass, "handlerClass"));
        this.factory = null;
        this.handlerClass = handlerClass;
        ClassLoader loader = loaderOf(handlerClass);
        ContainerClasses.rootOf(loader, handlerClass.getName()).ifPresent(isolatedRoots::add);
        isolatedPackages.add(ContainerClasses.TOOLKIT);
    }

    /**
     * Simulates a {@link RequestHandler} the way Lambda runs it: each container loads {@code handlerClass} afresh,
     * with the application's own classes, and constructs it through its public no-argument constructor, so
     * {@code static} state (a client built from environment variables, say) is per container. The class is not
     * initialised in the test's own class loader.
     *
     * @throws IllegalArgumentException when Lambda could not construct the class (not public, no public
     *     no-argument constructor, abstract)
     */
    public static <I> LambdaSimulator<I> forHandler(Class<? extends RequestHandler<I, ?>> handlerClass) {
        return new LambdaSimulator<>(handlerClass);
    }

    /** Simulates a {@link RequestStreamHandler} named by class, loaded afresh per container as {@link #forHandler(Class)} does. */
    public static LambdaSimulator<Object> forStreamHandler(Class<? extends RequestStreamHandler> handlerClass) {
        return new LambdaSimulator<>(handlerClass);
    }

    /**
     * Simulates the handler a function's configuration names: {@code "com.example.OrdersHandler::handleRequest"} or
     * {@code "com.example.OrdersHandler"}, a {@link RequestHandler} or {@link RequestStreamHandler}, found through
     * the thread's context class loader (without initialising it there) and run as {@link #forHandler(Class)} does.
     */
    public static LambdaSimulator<Object> forHandler(String handler) {
        Objects.requireNonNull(handler, "handler");
        String className = handler.trim();
        int colons = className.indexOf("::");
        if (colons >= 0) {
            String method = className.substring(colons + 2);
            className = className.substring(0, colons);
            if (!method.equals("handleRequest")) {
                throw new IllegalArgumentException("The handler '" + handler + "' names the method '" + method + "'; the"
                        + " simulator runs RequestHandler and RequestStreamHandler classes, whose method is handleRequest.");
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return new LambdaSimulator<>(Class.forName(className, false,
                    loader != null ? loader : LambdaSimulator.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("The handler '" + handler + "' names the class " + className
                    + ", which is not on the test classpath. A handler string is package.Class::handleRequest.", e);
        }
    }

    /**
     * Simulates a {@link RequestHandler} built by {@code factory}, called once per cold start instead of the
     * constructor: for handlers that need their dependencies injected. The handlers are the test's own classes, so
     * their {@code static} fields are shared by every container; name the class with {@link #forHandler(Class)} to
     * get them per container.
     */
    public static <I> LambdaSimulator<I> forHandler(Supplier<? extends RequestHandler<I, ?>> factory) {
        return new LambdaSimulator<>(factory);
    }

    /** Simulates a {@link RequestStreamHandler}; events are written to JSON unless they are text or bytes already. */
    public static LambdaSimulator<Object> forStreamHandler(Supplier<? extends RequestStreamHandler> factory) {
        return new LambdaSimulator<>(factory);
    }

    private static ClassLoader loaderOf(Class<?> type) {
        return type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
    }

    /**
     * An environment variable of the function, which {@code System.getenv} returns in the classes the containers load
     * (the JVM's own environment is not visible there, as it is not in Lambda; Lambda's own variables such as
     * {@code AWS_REGION} and {@code AWS_LAMBDA_FUNCTION_NAME} are set from the function's settings). Needs a handler
     * named by class.
     *
     * @throws IllegalArgumentException for a name Lambda refuses (reserved, or not letters, digits and underscores)
     */
    public LambdaSimulator<I> environment(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "the value of environment variable " + name);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Lambda refuses the environment variable name '" + name + "': it must start"
                    + " with a letter and have at least two letters, digits or underscores.");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("Lambda reserves the environment variable " + name + " and sets it itself;"
                    + " configure the function instead (region, name, memory: function(TestContext.builder()...)).");
        }
        needsClass("environment(...)");
        environment.put(name, value);
        return this;
    }

    /** Every variable of {@code variables}, as {@link #environment(String, String)} takes them. */
    public LambdaSimulator<I> environment(Map<String, String> variables) {
        variables.forEach(this::environment);
        return this;
    }

    /**
     * Classes whose names start with one of {@code packagePrefixes} (such as {@code "com.zaxxer.hikari."}) are also
     * loaded afresh per container, so a library's own static state is per container too. By default the handler's
     * code source (the project's compiled classes) and the toolkit's clients ({@code dev.serverlessmysql.}) are.
     */
    public LambdaSimulator<I> isolate(String... packagePrefixes) {
        needsClass("isolate(...)");
        for (String prefix : packagePrefixes) {
            isolatedPackages.add(requirePrefix(prefix));
        }
        return this;
    }

    /** Every class from the code source (directory or jar) of each of {@code classes} is loaded afresh per container. */
    public LambdaSimulator<I> isolateCodeSourceOf(Class<?>... classes) {
        needsClass("isolateCodeSourceOf(...)");
        for (Class<?> type : classes) {
            isolatedRoots.add(ContainerClasses.rootOf(loaderOf(type), type.getName()).orElseThrow(() ->
                    new IllegalArgumentException("Cannot find the code source of " + type.getName() + ".")));
        }
        return this;
    }

    /**
     * Classes whose names start with one of {@code packagePrefixes} are shared with the test JVM even where they would
     * be loaded per container: for example a cache that tests read from outside the containers.
     */
    public LambdaSimulator<I> share(String... packagePrefixes) {
        needsClass("share(...)");
        for (String prefix : packagePrefixes) {
            sharedPackages.add(requirePrefix(prefix));
        }
        return this;
    }

    private static String requirePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("A package prefix must not be blank, got '" + prefix + "'.");
        }
        return prefix;
    }

    private void needsClass(String setting) {
        if (handlerClass == null) {
            throw new IllegalStateException(setting + " needs a handler the simulator loads itself: use"
                    + " LambdaSimulator.forHandler(YourHandler.class). Handlers from a factory are the test's own classes,"
                    + " built by the test; pass them their configuration directly.");
        }
    }

    /** Lambda's limit on the init phase (default 10 s); an init that runs over is retried inside the first invocation. */
    public LambdaSimulator<I> initTimeout(Duration initTimeout) {
        if (initTimeout == null || initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be more than zero, got " + initTimeout);
        }
        this.initTimeout = initTimeout;
        return this;
    }

    /**
     * Which responses count as a success, replacing the default rule (no API Gateway or ALB response with a 5xx
     * status). The predicate gets the handler's response as it returned it (a stream handler's: the text it wrote),
     * and is called on the simulator's threads. A response it rejects is a {@link SimulationReport.Phase#RESPONSE}
     * failure.
     */
    public LambdaSimulator<I> succeedsWhen(Predicate<Object> rule) {
        this.successRule = Objects.requireNonNull(rule, "rule");
        return this;
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
        return new SimulationRun<>(new SimulationRun.Plan<I>(handlerFactory(), containers, invocations, concurrency, events,
                function.copy(), initTimeout, successRule, thinkMin, thinkMax, freezeProbability, freeze, reapFraction, reapAt,
                connectionCounter, sampleEvery, maxRunTime, seed)).execute();
    }

    /**
     * One execution environment of this function, to invoke directly: its first {@link SimulatedContainer#invoke
     * invocation} runs the init, later ones reuse the handler. Close it when done.
     */
    public SimulatedContainer container() {
        return new SimulatedContainer(directContainers.incrementAndGet(), handlerFactory(), function.copy(), initTimeout,
                Collections.synchronizedList(new ArrayList<>()));
    }

    private HandlerFactory handlerFactory() {
        if (handlerClass == null) {
            return new HandlerFactory.Supplied(factory);
        }
        ContainerClasses classes = new ContainerClasses(loaderOf(handlerClass), isolatedRoots, isolatedPackages,
                sharedPackages);
        return new HandlerFactory.Loaded(handlerClass.getName(), classes, lambdaVariables());
    }

    /** What Lambda puts in a function's environment, then the function's own variables. */
    private Map<String, String> lambdaVariables() {
        TestContext probe = function.build();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("_HANDLER", handlerClass.getName() + "::handleRequest");
        variables.put("AWS_REGION", probe.region());
        variables.put("AWS_DEFAULT_REGION", probe.region());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", probe.getFunctionName());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(probe.getMemoryLimitInMB()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", probe.getFunctionVersion());
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", probe.getLogGroupName());
        // Lambda gives every environment its role's temporary credentials; stand-ins here
        variables.put("AWS_ACCESS_KEY_ID", SIMULATED_ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", SIMULATED_SECRET_ACCESS_KEY);
        variables.put("AWS_SESSION_TOKEN", SIMULATED_SESSION_TOKEN);
        variables.put("LAMBDA_TASK_ROOT", "/var/task");
        variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.putAll(environment);
        return variables;
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
        return "LambdaSimulator[" + (handlerClass != null ? handlerClass.getName() : "handler factory") + ", " + invocations
                + " invocations over " + containers + " containers, concurrency " + concurrency + "]";
    }
}
