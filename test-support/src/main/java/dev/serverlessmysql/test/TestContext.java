package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A Lambda {@link Context} for tests: one invocation of one function.
 *
 * <ul>
 *   <li>Every context has its own request id; {@link #nextInvocation()} gives the next invocation of the same function
 *       in the same execution environment (same log stream) with a new request id and a fresh deadline.</li>
 *   <li>{@link #getRemainingTimeInMillis()} counts down from the configured timeout (3 s by default, as on Lambda),
 *       measured on a clock you can replace with {@link Builder#clock(InstantSource)}.</li>
 *   <li>Function name, version, ARN, memory and timeout are configurable with the {@link Builder} or, for injected
 *       contexts, with {@link LambdaFunction @LambdaFunction} on the test class or method.</li>
 *   <li>{@link #getLogger()} captures everything the handler logs; assert on {@link #logs()}.</li>
 * </ul>
 *
 * <p>Declare a {@code TestContext} or {@code Context} parameter in a test whose class or method carries
 * {@code @LambdaFunction}, or that has a {@code @LambdaEvent} parameter, or that is extended with
 * {@link LambdaExtension}. All such parameters of one test get the same context.
 */
public final class TestContext implements Context {

    /** Lambda's default timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Lambda's default memory size. */
    public static final int DEFAULT_MEMORY_MB = 128;
    /** The function name used when none is configured. */
    public static final String DEFAULT_FUNCTION_NAME = "test-function";

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FunctionSettings config;
    private final String awsRequestId;
    private final String xrayTraceId;
    private final String logStreamName;
    private final Instant start;
    private final Instant deadline;
    private final Logger logger;

    private TestContext(FunctionSettings config, String logStreamName) {
        this.config = config;
        this.start = config.clock.instant();
        this.deadline = start.plus(config.timeout);
        this.awsRequestId = config.awsRequestId != null ? config.awsRequestId : Ids.uuid();
        this.xrayTraceId = config.xrayTraceId != null ? config.xrayTraceId : Ids.xrayTraceId(start);
        this.logStreamName = logStreamName != null ? logStreamName
                : STREAM_DATE.format(start) + "/[" + config.functionVersion + "]" + Ids.hex(32);
        this.logger = new Logger(config.echoLogs ? System.out : null);
    }

    /** A context with Lambda's defaults: {@value #DEFAULT_FUNCTION_NAME}, {@code $LATEST}, 128 MB, 3 s. */
    public static TestContext create() {
        return builder().build();
    }

    /** A builder with Lambda's defaults. */
    public static Builder builder() {
        return new Builder(new FunctionSettings());
    }

    /** A builder holding this context's function settings, for a variation of it. */
    public Builder toBuilder() {
        return new Builder(config.copy()).logStreamName(logStreamName);
    }

    /**
     * The next invocation of the same function in the same execution environment: the same function settings and log
     * stream, a new request id and trace id, a deadline counted from now, and a logger of its own.
     */
    public TestContext nextInvocation() {
        FunctionSettings next = config.copy();
        next.awsRequestId = null;
        next.xrayTraceId = null;
        return new TestContext(next, logStreamName);
    }

    static Builder builderFrom(LambdaFunction function) {
        Builder builder = builder();
        if (function == null) {
            return builder;
        }
        builder.settings.attributeNames = true;
        if (!function.name().isEmpty()) {
            builder.functionName(function.name());
        }
        builder.functionVersion(function.version()).memoryLimitInMB(function.memory()).region(function.region())
                .accountId(function.account());
        if (function.timeoutMillis() > 0) {
            builder.timeout(Duration.ofMillis(function.timeoutMillis()));
        } else {
            builder.timeout(Duration.ofSeconds(function.timeout()));
        }
        if (!function.arn().isEmpty()) {
            builder.invokedFunctionArn(function.arn());
        }
        builder.echoLogs(function.echoLogs());
        return builder;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Context

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return config.logGroupName != null ? config.logGroupName : "/aws/lambda/" + config.functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return config.functionName;
    }

    @Override
    public String getFunctionVersion() {
        return config.functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return config.invokedFunctionArn != null ? config.invokedFunctionArn
                : "arn:aws:lambda:" + config.region + ":" + config.accountId + ":function:" + config.functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return config.identity;
    }

    @Override
    public ClientContext getClientContext() {
        return config.clientContext;
    }

    /** Milliseconds until the deadline, never negative; it counts down on the configured clock. */
    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - config.clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return config.memoryLimitInMB;
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getTenantId() {
        return config.tenantId;
    }

    @Override
    public String getXrayTraceId() {
        return xrayTraceId;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // for tests

    /** The configured timeout. */
    public Duration timeout() {
        return config.timeout;
    }

    /** When this invocation started. */
    public Instant startTime() {
        return start;
    }

    /** When this invocation's time runs out: its start plus the timeout. */
    public Instant deadline() {
        return deadline;
    }

    /** Whether the deadline has passed on the configured clock. */
    public boolean isPastDeadline() {
        return getRemainingTimeInMillis() == 0;
    }

    /** The region in the function's ARN. */
    public String region() {
        return config.region;
    }

    /** The account in the function's ARN. */
    public String accountId() {
        return config.accountId;
    }

    /** Everything logged through {@link #getLogger()}, one entry a line. */
    public String logs() {
        return logger.output();
    }

    InstantSource clock() {
        return config.clock;
    }

    @Override
    public String toString() {
        return "TestContext[" + config.functionName + ":" + config.functionVersion + " request " + awsRequestId + ", "
                + getRemainingTimeInMillis() + " ms of " + config.timeout.toMillis() + " ms left]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A {@link LambdaLogger} that keeps every entry for assertions, and by default also prints it as Lambda would. */
    public static final class Logger implements LambdaLogger {

        /** One call to the logger. */
        public record Entry(LogLevel level, String message) {
        }

        private final List<Entry> entries = new CopyOnWriteArrayList<>();
        private final PrintStream echo;

        Logger(PrintStream echo) {
            this.echo = echo;
        }

        @Override
        public void log(String message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(byte[] message) {
            log(message, LogLevel.UNDEFINED);
        }

        @Override
        public void log(String message, LogLevel level) {
            String text = String.valueOf(message);
            entries.add(new Entry(level == null ? LogLevel.UNDEFINED : level, text));
            if (echo != null) {
                echo.print(text.endsWith("\n") ? text : text + "\n");
            }
        }

        @Override
        public void log(byte[] message, LogLevel level) {
            log(message == null ? "null" : new String(message, StandardCharsets.UTF_8), level);
        }

        /** Every entry, oldest first. */
        public List<Entry> entries() {
            return List.copyOf(entries);
        }

        /** The messages, oldest first, each without a trailing line break. */
        public List<String> lines() {
            return entries.stream().map(e -> strip(e.message())).collect(Collectors.toList());
        }

        /** All messages joined, each ending in a line break. */
        public String output() {
            return entries.stream().map(e -> strip(e.message()) + "\n").collect(Collectors.joining());
        }

        /** Whether any message contains {@code text}. */
        public boolean contains(String text) {
            return entries.stream().anyMatch(e -> e.message().contains(text));
        }

        /** Forgets every entry. */
        public void clear() {
            entries.clear();
        }

        private static String strip(String message) {
            return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        }
    }

    /** Settings of the function a {@link TestContext} belongs to. */
    public static final class Builder {

        private final FunctionSettings settings;

        private Builder(FunctionSettings settings) {
            // every context starts here: fail with the library to upgrade rather than deep in the logger
            LambdaLibraries.require();
            this.settings = settings;
        }

        Builder copy() {
            return new Builder(settings.copy());
        }

        /** The function name, 1-64 letters, digits, hyphens or underscores. */
        public Builder functionName(String functionName) {
            settings.functionName = functionName;
            return this;
        }

        /** The version, {@code $LATEST} (the default) or a published version number. */
        public Builder functionVersion(String functionVersion) {
            settings.functionVersion = functionVersion;
            return this;
        }

        /** The ARN the function was invoked by; by default the unqualified ARN built from region, account and name. */
        public Builder invokedFunctionArn(String invokedFunctionArn) {
            settings.invokedFunctionArn = invokedFunctionArn;
            return this;
        }

        /** Memory in MB, 128 to 10240 as on Lambda. */
        public Builder memoryLimitInMB(int memoryLimitInMB) {
            settings.memoryLimitInMB = memoryLimitInMB;
            return this;
        }

        /** The invocation timeout, more than zero and at most 15 minutes; sub-second values are allowed for tests. */
        public Builder timeout(Duration timeout) {
            settings.timeout = timeout;
            return this;
        }

        /** The region used in ARNs, for example {@code eu-west-1}. */
        public Builder region(String region) {
            settings.region = region;
            return this;
        }

        /** The 12-digit account id used in ARNs. */
        public Builder accountId(String accountId) {
            settings.accountId = accountId;
            return this;
        }

        /** The log group; by default {@code /aws/lambda/<function name>}. */
        public Builder logGroupName(String logGroupName) {
            settings.logGroupName = logGroupName;
            return this;
        }

        /** The log stream; by default a new one per execution environment, as {@code 2024/05/01/[$LATEST]<32 hex>}. */
        public Builder logStreamName(String logStreamName) {
            settings.logStreamName = logStreamName;
            return this;
        }

        /** A fixed request id instead of a random UUID. */
        public Builder awsRequestId(String awsRequestId) {
            settings.awsRequestId = awsRequestId;
            return this;
        }

        /** A fixed X-Ray trace id instead of a random one. */
        public Builder xrayTraceId(String xrayTraceId) {
            settings.xrayTraceId = xrayTraceId;
            return this;
        }

        /** The Cognito identity of a mobile caller; null by default, as for most invocations. */
        public Builder identity(CognitoIdentity identity) {
            settings.identity = identity;
            return this;
        }

        /** The client context of a mobile caller; null by default. */
        public Builder clientContext(ClientContext clientContext) {
            settings.clientContext = clientContext;
            return this;
        }

        /** The tenant id of a multi-tenant function; null by default. */
        public Builder tenantId(String tenantId) {
            settings.tenantId = tenantId;
            return this;
        }

        /** The clock the deadline and remaining time are measured on; the system clock by default. */
        public Builder clock(InstantSource clock) {
            settings.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether logged lines are also printed to standard output, as Lambda does; true by default. */
        public Builder echoLogs(boolean echoLogs) {
            settings.echoLogs = echoLogs;
            return this;
        }

        Duration timeoutSetting() {
            return settings.timeout;
        }

        String functionNameSetting() {
            return settings.functionName;
        }

        /** A context for a new execution environment: its own log stream and a fresh deadline. */
        public TestContext build() {
            settings.validate();
            return new TestContext(settings.copy(), settings.logStreamName);
        }
    }
}
