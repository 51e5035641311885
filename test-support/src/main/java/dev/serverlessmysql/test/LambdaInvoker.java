package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Invokes a {@link RequestHandler} or {@link RequestStreamHandler} the way the Lambda Java runtime does.
 *
 * <ul>
 *   <li>The event is written to JSON and read back into the handler's declared input type with the runtime's own
 *       serializers, so the handler sees exactly what Lambda would hand it (and a {@code String} event is taken as
 *       raw JSON unless the handler's input type is {@code String}).</li>
 *   <li>The response is written to JSON with the runtime's serializer for the declared output type; the result holds
 *       both the typed response and that JSON.</li>
 *   <li>A handler exception becomes the error document Lambda returns ({@code errorMessage}, {@code errorType},
 *       {@code stackTrace}); JSON binding failures carry the runtime's own messages.</li>
 *   <li>An invocation that runs past the context's remaining time is abandoned and reported as Lambda reports it:
 *       {@code Sandbox.Timedout}, "Task timed out after 3.00 seconds". The next invocation then starts in a fresh
 *       runtime thread, as Lambda restarts the runtime after a timeout.</li>
 * </ul>
 *
 * <p>An invoker is one execution environment: invocations run one at a time on its runtime thread, and each gets a
 * new request id in the same log stream. Inject one as a parameter (configured by {@link LambdaFunction}) or create
 * one with {@link #create()} or {@link #forFunction(TestContext.Builder)}.
 */
public final class LambdaInvoker implements AutoCloseable {

    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();
    private static final String HARNESS_PREFIX = LambdaInvoker.class.getName();

    /** Set up on the runtime thread around each task, and undone after it (a simulated container's loader and logs). */
    interface Scope {
        Scope NONE = () -> () -> { };

        /** Enters the scope on the current thread; the returned action leaves it. */
        Runnable enter();
    }

    private final TestContext.Builder function;
    private final Scope scope;
    private final int environment = ENVIRONMENTS.incrementAndGet();
    private ThreadPoolExecutor runtime;
    private TestContext previous;

    private LambdaInvoker(TestContext.Builder function, Scope scope) {
        this.function = function.copy();
        this.function.build(); // validates the settings now
        this.scope = scope;
    }

    private LambdaInvoker(TestContext.Builder function) {
        this(function, Scope.NONE);
    }

    /** The invoker of one simulated container, whose runtime thread enters {@code scope} around every task. */
    static LambdaInvoker forContainer(TestContext.Builder function, Scope scope) {
        return new LambdaInvoker(Objects.requireNonNull(function, "function"), Objects.requireNonNull(scope, "scope"));
    }

    /** An invoker for a function with Lambda's default settings (3 s timeout, 128 MB). */
    public static LambdaInvoker create() {
        return new LambdaInvoker(TestContext.builder());
    }

    /** An invoker for a function with the given settings. */
    public static LambdaInvoker forFunction(TestContext.Builder function) {
        return new LambdaInvoker(Objects.requireNonNull(function, "function"));
    }

    /** An invoker for the function {@code context} belongs to, with its settings (timeout, name, memory...). */
    public static LambdaInvoker forContext(TestContext context) {
        return new LambdaInvoker(context.toBuilder());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // RequestHandler

    /** Invokes {@code handler} with {@code event} in the next invocation context of this environment. */
    public <I, O> InvocationResult<O> invoke(RequestHandler<I, O> handler, Object event) {
        return invoke(handler, event, nextContext());
    }

    /** Invokes {@code handler} with {@code event} and the given context; its remaining time is the timeout. */
    public <I, O> InvocationResult<O> invoke(RequestHandler<I, O> handler, Object event, TestContext context) {
        Type[] types = HandlerTypes.of(handler);
        Type inputType = types[0] != null ? types[0] : event == null ? Object.class : RuntimeJson.bindingClassOf(event.getClass());
        byte[] input;
        if (event instanceof String text && inputType != String.class && types[0] != null) {
            input = text.getBytes(StandardCharsets.UTF_8);
        } else {
            input = eventJson(event);
        }
        return invokeBytes(handler, input, inputType, types[1], context);
    }

    /** Invokes {@code handler} with raw JSON, bound to the handler's declared input type as the runtime would. */
    public <O> InvocationResult<O> invokeJson(RequestHandler<?, O> handler, String json) {
        return invokeJson(handler, json, nextContext());
    }

    /** Invokes {@code handler} with raw JSON and the given context. */
    public <O> InvocationResult<O> invokeJson(RequestHandler<?, O> handler, String json, TestContext context) {
        Type[] types = HandlerTypes.of(handler);
        return invokeBytes(handler, json.getBytes(StandardCharsets.UTF_8), types[0] != null ? types[0] : Object.class,
                types[1], context);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <O> InvocationResult<O> invokeBytes(RequestHandler handler, byte[] input, Type inputType, Type declaredOutput,
                                                TestContext context) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(context, "context");
        Type[] responseType = {declaredOutput};
        return run(context, () -> {
            Object in;
            try {
                in = RuntimeJson.serializerFor(inputType).fromJson(new ByteArrayInputStream(input));
            } catch (Throwable t) {
                throw new RuntimeException("An error occurred during JSON parsing", t);
            }
            Object out = callHandler(handler, in, context);
            Type outType = declaredOutput;
            if (outType == null) {
                outType = out == null ? Object.class : RuntimeJson.bindingClassOf(out.getClass());
                responseType[0] = outType;
            }
            byte[] json;
            if (isVoid(outType)) {
                json = "null".getBytes(StandardCharsets.US_ASCII);
            } else {
                try {
                    json = RuntimeJson.toJsonBytes(out, outType);
                } catch (Throwable t) {
                    throw new RuntimeException("An error occurred during JSON serialization of response", t);
                }
            }
            return new Produced(out, json);
        }, responseType);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // RequestStreamHandler

    /** Invokes a stream handler; the response is the text it wrote. */
    public InvocationResult<String> invoke(RequestStreamHandler handler, Object event) {
        return invoke(handler, event, nextContext());
    }

    /** Invokes a stream handler with the given context; the response is the text it wrote. */
    public InvocationResult<String> invoke(RequestStreamHandler handler, Object event, TestContext context) {
        return invokeStream(handler, event, context, null);
    }

    /** Invokes a stream handler and reads what it wrote into {@code responseType} with the runtime's serializer. */
    public <R> InvocationResult<R> invoke(RequestStreamHandler handler, Object event, Class<R> responseType) {
        return invokeStream(handler, event, nextContext(), responseType);
    }

    private <R> InvocationResult<R> invokeStream(RequestStreamHandler handler, Object event, TestContext context,
                                                 Class<R> responseType) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(context, "context");
        byte[] input = streamInput(event);
        Type[] type = {responseType != null ? responseType : String.class};
        return run(context, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(input), out, context);
            byte[] bytes = out.toByteArray();
            Object response = responseType == null ? new String(bytes, StandardCharsets.UTF_8)
                    : RuntimeJson.serializerFor(responseType).fromJson(new ByteArrayInputStream(bytes));
            return new Produced(response, bytes);
        }, type);
    }

    private static byte[] streamInput(Object event) {
        if (event instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (event instanceof InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (event instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return eventJson(event);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // running

    private record Produced(Object response, byte[] json) {
    }

    /** The context for the next invocation in this environment. */
    public synchronized TestContext nextContext() {
        previous = previous == null ? function.build() : previous.nextInvocation();
        return previous;
    }

    @SuppressWarnings("unchecked")
    private <O> InvocationResult<O> run(TestContext context, Callable<Produced> body, Type[] responseType) {
        long remaining = context.getRemainingTimeInMillis();
        long started = System.nanoTime();
        Future<Produced> future;
        synchronized (this) {
            future = runtimeThread().submit(scoped(body));
        }
        try {
            Produced produced = future.get(remaining, TimeUnit.MILLISECONDS);
            return new InvocationResult<>(InvocationResult.Outcome.SUCCESS, (O) produced.response(),
                    new String(produced.json(), StandardCharsets.UTF_8), null, null, null, context, since(started),
                    responseType[0]);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getLocalizedMessage() == null ? cause.getClass().getName() : cause.getLocalizedMessage();
            return new InvocationResult<>(InvocationResult.Outcome.ERROR, null, errorJson(cause), cause,
                    cause.getClass().getName(), message, context, since(started), responseType[0]);
        } catch (TimeoutException e) {
            future.cancel(true);
            synchronized (this) {
                abandonRuntimeThread();
            }
            String seconds = String.format(Locale.ROOT, "%.2f", context.timeout().toMillis() / 1000.0);
            String message = "RequestId: " + context.getAwsRequestId() + " Error: Task timed out after " + seconds + " seconds";
            context.getLogger().log(Instant.now() + " " + context.getAwsRequestId() + " Task timed out after " + seconds
                    + " seconds");
            ObjectNode json = RuntimeJson.TREE.createObjectNode();
            json.put("errorMessage", message);
            json.put("errorType", "Sandbox.Timedout");
            LambdaInvocationException error = new LambdaInvocationException("Sandbox.Timedout", message,
                    context.getAwsRequestId(), null);
            // the wait began a little after the context's clock, but Lambda bills and reports a timeout as its full length
            Duration ran = since(started);
            Duration reported = ran.compareTo(context.timeout()) < 0 ? context.timeout() : ran;
            return new InvocationResult<>(InvocationResult.Outcome.TIMEOUT, null, RuntimeJson.write(json), error,
                    "Sandbox.Timedout", message, context, reported, responseType[0]);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Lambda invocation " + context.getAwsRequestId(), e);
        }
    }

    /**
     * Runs {@code task} on the runtime thread, as Lambda runs a function's init there, waiting at most {@code limitMillis}.
     * On a timeout the runtime thread is abandoned, as after an invocation that timed out.
     */
    <T> T callOnRuntimeThread(Callable<T> task, long limitMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        Future<T> future;
        synchronized (this) {
            future = runtimeThread().submit(scoped(task));
        }
        try {
            return future.get(Math.max(0, limitMillis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            synchronized (this) {
                abandonRuntimeThread();
            }
            throw e;
        }
    }

    /**
     * Builds the runtime serializers this handler and event will need, so that the first invocation of a simulated
     * container is not charged for the simulator's own first use of them (Jackson's start-up takes seconds on a loaded
     * machine). A type that cannot be bound is left for the invocation to report.
     */
    static void prepare(Object handler, Object event) {
        try {
            if (handler instanceof RequestHandler<?, ?>) {
                Type[] types = HandlerTypes.of(handler);
                if (types[0] != null) {
                    RuntimeJson.serializerFor(types[0]);
                }
                if (types[1] != null && !isVoid(types[1])) {
                    RuntimeJson.serializerFor(types[1]);
                }
            }
            if (event != null && !(event instanceof String) && !(event instanceof byte[]) && !(event instanceof InputStream)) {
                RuntimeJson.serializerFor(RuntimeJson.bindingClassOf(event.getClass()));
            }
        } catch (RuntimeException | LinkageError ignored) {
            // the invocation itself reports what cannot be bound, as the runtime would
        }
    }

    private <T> Callable<T> scoped(Callable<T> task) {
        if (scope == Scope.NONE) {
            return task;
        }
        return () -> {
            Runnable leave = scope.enter();
            try {
                return task.call();
            } finally {
                leave.run();
            }
        };
    }

    private ThreadPoolExecutor runtimeThread() {
        if (runtime == null) {
            String name = "lambda-runtime-" + environment;
            runtime = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            runtime.allowCoreThreadTimeOut(true);
        }
        return runtime;
    }

    /** After a timeout Lambda restarts the runtime: drop the stuck thread and start the next invocation on a new one. */
    private void abandonRuntimeThread() {
        if (runtime != null) {
            runtime.shutdownNow();
            runtime = null;
        }
        previous = null;
    }

    /** Stops the runtime thread. Invoking again starts a new one. */
    @Override
    public synchronized void close() {
        if (runtime != null) {
            runtime.shutdownNow();
            runtime = null;
        }
    }

    /**
     * Calls {@code handleRequest} as the runtime does, reflectively on the handler's own (non-bridge) method, so that an
     * exception's stack trace holds the same frames below the handler as it would in Lambda.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object callHandler(RequestHandler handler, Object in, Context context) throws Exception {
        Method method = HANDLER_METHODS.get(handler.getClass()).orElse(null);
        if (method == null) {
            return handler.handleRequest(in, context);
        }
        try {
            return method.invoke(handler, in, context);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw (Exception) cause;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return handler.handleRequest(in, context);
        }
    }

    private static final ClassValue<Optional<Method>> HANDLER_METHODS = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals("handleRequest") && !m.isBridge() && !m.isSynthetic() && m.getParameterCount() == 2
                            && m.getParameterTypes()[1] == Context.class && Modifier.isPublic(m.getModifiers())) {
                        try {
                            m.setAccessible(true);
                            return Optional.of(m);
                        } catch (RuntimeException inaccessible) {
                            return Optional.empty();
                        }
                    }
                }
            }
            return Optional.empty();
        }
    };

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * The error document the runtime reports for an exception, byte for byte: the runtime interface client's fields,
     * in its order, written by the same Gson configuration, with the frames from the first one that is not the
     * handler's (the runtime's there, the invoker's here) left out.
     */
    static String errorJson(Throwable error) {
        List<String> trace = new ArrayList<>();
        for (StackTraceElement frame : error.getStackTrace()) {
            String owner = frame.getClassName();
            if (owner.equals(HARNESS_PREFIX) || owner.startsWith(HARNESS_PREFIX + "$")) {
                break;
            }
            trace.add(frame.toString());
        }
        ErrorDocument document = new ErrorDocument(error.getLocalizedMessage() == null ? error.getClass().getName()
                : error.getLocalizedMessage(), error.getClass().getName(), trace.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ERROR_WRITER.toJson(document, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final PojoSerializer<ErrorDocument> ERROR_WRITER = GsonFactory.getInstance().getSerializer(ErrorDocument.class);

    /** The runtime's ErrorRequest: these fields, in this order. */
    @SuppressWarnings("unused")
    private static final class ErrorDocument {
        public final String errorMessage;
        public final String errorType;
        public final String[] stackTrace;

        ErrorDocument(String errorMessage, String errorType, String[] stackTrace) {
            this.errorMessage = errorMessage;
            this.errorType = errorType;
            this.stackTrace = stackTrace;
        }
    }

    private static byte[] eventJson(Object event) {
        if (event == null) {
            return "null".getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return RuntimeJson.toJsonBytes(event, RuntimeJson.bindingClassOf(event.getClass()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot write the event (" + event.getClass().getName() + ") to JSON as the"
                    + " Lambda runtime would: " + RuntimeJson.failureMessage(e), e);
        }
    }

    private static boolean isVoid(Type type) {
        return type == void.class || type == Void.class;
    }

    @Override
    public String toString() {
        return "LambdaInvoker[" + function.functionNameSetting() + ", timeout " + function.timeoutSetting().toMillis() + " ms]";
    }
}
