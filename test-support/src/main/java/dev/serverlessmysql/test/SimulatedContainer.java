package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.serverlessmysql.test.ContainerLog.OutputCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment of a {@link LambdaSimulator}: its own class loader (for handlers named by class),
 * its own runtime thread, its own log stream, one invocation at a time.
 *
 * <ul>
 *   <li><b>Init.</b> The first invocation starts with the init phase: class initialisation and construction, on the
 *       runtime thread, under the init limit (10 s by default) and not counted against the function's timeout. An
 *       init that fails or runs over is retried once inside that first invocation, under its timeout, as Lambda
 *       does; if the retry fails too, the invocation fails with {@code Runtime.InitError}.</li>
 *   <li><b>Invoke.</b> Each invocation goes through {@link LambdaInvoker}; one that times out restarts the runtime,
 *       so the next one is a cold start.</li>
 *   <li><b>Logs.</b> Each result's {@link InvocationResult#logs()} holds what the invocation logged through its
 *       context and printed to {@code System.out} and {@code System.err}.</li>
 * </ul>
 *
 * <p>Get one from {@link LambdaSimulator#container()} to invoke a handler directly, as a test would call it; close it
 * when done. Closing drops the handler without closing it, as Lambda drops an environment.
 */
public final class SimulatedContainer implements AutoCloseable {

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    /** What one invocation did, for the report: the result, and how the cold start went. */
    record Attempt(InvocationResult<Object> result, boolean coldStart, Duration init, boolean initRetried,
                   boolean initFailed, Duration latency) {
    }

    /** The outcome of one init: the handler, or why there is none. */
    private record Init(Object handler, Throwable error, boolean timedOut, Duration took) {
    }

    private final int slot;
    private final HandlerFactory factory;
    private final TestContext.Builder function;
    private final String functionVersion;
    private final Duration initTimeout;
    private final List<Object> graveyard;
    private final ContainerLog log = new ContainerLog();
    private int generation;
    private Object handler;
    private volatile ClassLoader loader;
    private LambdaInvoker invoker;
    private int coldStarts;
    private Duration lastInit;
    private boolean closed;

    SimulatedContainer(int slot, HandlerFactory factory, TestContext.Builder function, Duration initTimeout,
                       List<Object> graveyard) {
        this.slot = slot;
        this.factory = factory;
        this.function = function.copy().echoLogs(true);
        this.functionVersion = this.function.build().getFunctionVersion();
        this.initTimeout = initTimeout;
        this.graveyard = graveyard;
        OutputCapture.install();
    }

    /** The environment's name, such as {@code c7}, or {@code c7#2} once the first one was reaped or restarted. */
    public synchronized String id() {
        return "c" + slot + (generation > 0 ? "#" + (generation + 1) : "");
    }

    /** Whether a handler is initialised, so that the next invocation is warm. */
    public synchronized boolean isWarm() {
        return handler != null;
    }

    /** The current environment's handler instance, or null before the first invocation and after a reap. */
    public synchronized Object handler() {
        return handler;
    }

    /** How many inits succeeded here: one, plus one after every reap, timeout or failed init. */
    public synchronized int coldStarts() {
        return coldStarts;
    }

    /** How long the latest successful init phase took, if there was one. */
    public synchronized Optional<Duration> lastInitDuration() {
        return Optional.ofNullable(lastInit);
    }

    /** Invokes the handler, after the init phase when the environment is cold, and returns what Lambda would. */
    public InvocationResult<Object> invoke(Object event) {
        return attempt(event).result();
    }

    /** Drops the environment as Lambda does: no close, no shutdown hook; the next invocation is a cold start. */
    public synchronized void reap() {
        if (handler != null) {
            graveyard.add(handler);
        }
        handler = null;
        restartRuntime();
    }

    /** Reaps the environment and stops its runtime thread; the handler is never closed. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            reap();
            OutputCapture.uninstall();
        }
    }

    synchronized Attempt attempt(Object event) {
        if (closed) {
            throw new IllegalStateException("Simulated container " + id() + " is closed.");
        }
        log.begin();
        Runnable leave = OutputCapture.route(log);
        InvocationResult<Object> result = null;
        try {
            boolean cold = handler == null;
            Duration initTook = null;
            boolean retried = false;
            TestContext context = null;
            long started = System.nanoTime();
            if (cold) {
                newEnvironment();
                Init first = runInit(initTimeout.toMillis(), "init", event);
                if (first.handler() != null) {
                    initTook = first.took();
                    started = System.nanoTime();
                } else {
                    // Lambda retries a failed init inside the first invocation, under the function's timeout
                    retried = true;
                    restartRuntime();
                    newEnvironment();
                    started = System.nanoTime();
                    context = invoker.nextContext();
                    Init second = runInit(context.getRemainingTimeInMillis(), "invoke", event);
                    if (second.handler() == null) {
                        result = initError(context, second, Duration.ofNanos(System.nanoTime() - started));
                        restartRuntime();
                        return new Attempt(result, true, null, true, true, result.duration());
                    }
                }
            }
            if (context == null) {
                context = invoker.nextContext();
            }
            result = invokeHandler(event, context);
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            if (result.timedOut()) {
                reap(); // Lambda restarts the runtime after a timeout
            }
            return new Attempt(result, cold, initTook, retried, false, latency);
        } finally {
            leave.run();
            String logs = log.end();
            if (result != null) {
                result.withLogs(logs);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private InvocationResult<Object> invokeHandler(Object event, TestContext context) {
        if (handler instanceof RequestHandler h) {
            return (InvocationResult<Object>) invoker.invoke(h, event, context);
        }
        return (InvocationResult<Object>) (InvocationResult) invoker.invoke((RequestStreamHandler) handler, event, context);
    }

    /** A fresh execution environment: a new class loader (for handlers named by class), runtime thread and log stream. */
    private void newEnvironment() {
        String stream = STREAM_DATE.format(Instant.now()) + "/[" + functionVersion + "]" + Ids.hex(32);
        loader = factory.newLoader(id(), stream);
        invoker = LambdaInvoker.forContainer(function.copy().logStreamName(stream), this::enter);
    }

    private Init runInit(long limitMillis, String phase, Object event) {
        ClassLoader fresh = loader;
        long started = System.nanoTime();
        Init init;
        try {
            Object created = invoker.callOnRuntimeThread(() -> factory.newHandler(fresh), limitMillis);
            init = new Init(created, null, false, since(started));
        } catch (ExecutionException e) {
            init = new Init(null, e.getCause() != null ? e.getCause() : e, false, since(started));
        } catch (TimeoutException e) {
            init = new Init(null, null, true, since(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            init = new Init(null, e, false, since(started));
        }
        if (init.handler() != null) {
            handler = init.handler();
            coldStarts++;
            lastInit = init.took();
            LambdaInvoker.prepare(handler, event); // the simulator's own start-up, outside init and invocation alike
        } else {
            log.line(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: %s\tStatus: %s%s",
                    init.took().toNanos() / 1e6, phase, init.timedOut() ? "timeout" : "error",
                    init.timedOut() ? "" : "\tError Type: Runtime.InitError"));
            if (init.error() != null) {
                StringWriter trace = new StringWriter();
                init.error().printStackTrace(new PrintWriter(trace));
                log.line(trace.toString().stripTrailing());
            }
        }
        return init;
    }

    /** On the runtime thread: the container's class loader as context loader, and its output into its log. */
    private Runnable enter() {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ClassLoader own = loader;
        if (own != null) {
            thread.setContextClassLoader(own);
        }
        Runnable unroute = OutputCapture.route(log);
        return () -> {
            unroute.run();
            thread.setContextClassLoader(before);
        };
    }

    private InvocationResult<Object> initError(TestContext context, Init init, Duration took) {
        String message = init.timedOut()
                ? "Init of " + factory.name() + " did not finish within the init limit (" + initTimeout.toMillis()
                        + " ms), nor when retried within the first invocation's timeout"
                : "Init of " + factory.name() + " failed: " + init.error().getClass().getName()
                        + (init.error().getMessage() == null ? "" : ": " + init.error().getMessage());
        ObjectNode json = RuntimeJson.TREE.createObjectNode();
        json.put("errorMessage", message);
        json.put("errorType", "Runtime.InitError");
        Throwable error = init.error() != null ? init.error()
                : new LambdaInvocationException("Runtime.InitError", message, context.getAwsRequestId(), null);
        return new InvocationResult<>(InvocationResult.Outcome.ERROR, null, RuntimeJson.write(json), error,
                "Runtime.InitError", message, context, took, null);
    }

    /** A new execution environment: the old runtime thread and class loader are left behind. */
    private void restartRuntime() {
        if (invoker != null) {
            invoker.close();
        }
        invoker = null;
        loader = null;
        generation++;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public String toString() {
        return "SimulatedContainer[" + id() + ", " + (isWarm() ? "warm" : "cold") + ", " + factory.name() + "]";
    }
}
