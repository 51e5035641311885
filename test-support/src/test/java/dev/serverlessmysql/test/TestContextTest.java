package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

@LambdaFunction(name = "orders-api", memory = 512, timeout = 10, echoLogs = false)
class TestContextTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void hasLambdasDefaults() {
        TestContext context = TestContext.builder().echoLogs(false).build();
        assertEquals("test-function", context.getFunctionName());
        assertEquals("$LATEST", context.getFunctionVersion());
        assertEquals(128, context.getMemoryLimitInMB());
        assertEquals(Duration.ofSeconds(3), context.timeout());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:test-function", context.getInvokedFunctionArn());
        assertEquals("/aws/lambda/test-function", context.getLogGroupName());
        assertTrue(context.getLogStreamName().matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}"), context.getLogStreamName());
        assertTrue(context.getAwsRequestId().matches(UUID), context.getAwsRequestId());
        assertTrue(context.getXrayTraceId().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"),
                context.getXrayTraceId());
        assertNull(context.getIdentity());
        assertNull(context.getClientContext());
        assertNull(context.getTenantId());
    }

    @Test
    void everyInvocationHasItsOwnRequestIdInTheSameLogStream() {
        TestContext first = TestContext.builder().echoLogs(false).build();
        Set<String> ids = new HashSet<>();
        TestContext context = first;
        for (int i = 0; i < 100; i++) {
            assertTrue(ids.add(context.getAwsRequestId()), "request ids never repeat");
            assertEquals(first.getLogStreamName(), context.getLogStreamName());
            context = context.nextInvocation();
        }
        assertNotEquals(first.getLogStreamName(), TestContext.create().getLogStreamName(), "a new environment, a new stream");
        assertNotEquals(first.getXrayTraceId(), first.nextInvocation().getXrayTraceId());
    }

    @Test
    void remainingTimeCountsDownOnTheConfiguredClock() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-11-22T14:46:00Z"));
        TestContext context = TestContext.builder().timeout(Duration.ofSeconds(3)).clock(now::get).echoLogs(false).build();
        assertEquals(3000, context.getRemainingTimeInMillis());
        assertEquals(Instant.parse("2025-11-22T14:46:03Z"), context.deadline());
        now.set(now.get().plusMillis(1200));
        assertEquals(1800, context.getRemainingTimeInMillis());
        assertFalse(context.isPastDeadline());
        now.set(now.get().plusSeconds(5));
        assertEquals(0, context.getRemainingTimeInMillis(), "never negative");
        assertTrue(context.isPastDeadline());

        TestContext next = context.nextInvocation();
        assertEquals(3000, next.getRemainingTimeInMillis(), "the next invocation gets the whole timeout again");
    }

    @Test
    void remainingTimeNeverGrowsOnTheSystemClock() throws InterruptedException {
        TestContext context = TestContext.builder().timeout(Duration.ofMinutes(1)).echoLogs(false).build();
        int previous = context.getRemainingTimeInMillis();
        assertTrue(previous <= 60_000 && previous > 0);
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2);
            int remaining = context.getRemainingTimeInMillis();
            assertTrue(remaining <= previous, remaining + " > " + previous);
            previous = remaining;
        }
    }

    @Test
    void loggerCapturesEverything() {
        TestContext context = TestContext.builder().echoLogs(false).build();
        context.getLogger().log("started");
        context.getLogger().log("line with break\n");
        context.getLogger().log("bytes".getBytes(StandardCharsets.UTF_8));
        context.getLogger().log("careful", LogLevel.WARN);
        assertEquals(List.of("started", "line with break", "bytes", "careful"), context.getLogger().lines());
        assertEquals("started\nline with break\nbytes\ncareful\n", context.logs());
        assertEquals(LogLevel.WARN, context.getLogger().entries().get(3).level());
        assertTrue(context.getLogger().contains("with break"));
        context.getLogger().clear();
        assertEquals("", context.logs());
        assertEquals(List.of(), context.nextInvocation().getLogger().lines(), "each invocation logs apart");
    }

    @Test
    void loggerEchoesToStandardOutputLikeLambda() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            TestContext.create().getLogger().log("hello from the handler");
        } finally {
            System.setOut(original);
        }
        assertEquals("hello from the handler\n", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void settingsAreValidatedWithTheirAllowedRange() {
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> TestContext.builder().memoryLimitInMB(64).build());
        assertEquals("TestContext memoryLimitInMB is '64'; allowed: 128 to 10240 (MB).", memory.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestContext.builder().timeout(Duration.ZERO).build())
                .getMessage().contains("at most 15 minutes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestContext.builder().timeout(Duration.ofMinutes(16)).build())
                .getMessage().contains("at most 15 minutes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestContext.builder().functionName("has space").build())
                .getMessage().contains("functionName is 'has space'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestContext.builder().region("moon").build())
                .getMessage().contains("region is 'moon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestContext.builder().accountId("12").build())
                .getMessage().contains("12 digits"));
    }

    @Test
    void builderSettingsShowUp() {
        TestContext context = TestContext.builder().functionName("billing").functionVersion("7").memoryLimitInMB(1024)
                .region("eu-west-1").accountId("210987654321").awsRequestId("fixed-id").tenantId("t1").echoLogs(false).build();
        assertEquals("arn:aws:lambda:eu-west-1:210987654321:function:billing", context.getInvokedFunctionArn());
        assertTrue(context.getLogStreamName().contains("[7]"));
        assertEquals("fixed-id", context.getAwsRequestId());
        assertEquals("t1", context.getTenantId());
        assertNotEquals("fixed-id", context.nextInvocation().getAwsRequestId());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // injection

    @Test
    void injectsTheClassFunction(TestContext context, Context same) {
        assertSame(context, same, "all context parameters of a test get one context");
        assertEquals("orders-api", context.getFunctionName());
        assertEquals(512, context.getMemoryLimitInMB());
        assertEquals(10_000, context.timeout().toMillis());
        assertTrue(context.getRemainingTimeInMillis() <= 10_000);
    }

    @Test
    @LambdaFunction(name = "orders-worker", version = "3", arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-worker:live",
            timeoutMillis = 250, echoLogs = false)
    void methodAnnotationWins(TestContext context, LambdaInvoker invoker) {
        assertEquals("orders-worker", context.getFunctionName());
        assertEquals("3", context.getFunctionVersion());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orders-worker:live", context.getInvokedFunctionArn());
        assertEquals(Duration.ofMillis(250), context.timeout());
        assertEquals(128, context.getMemoryLimitInMB(), "the method's annotation replaces the class's as a whole");
        assertEquals(Duration.ofMillis(250), invoker.nextContext().timeout(), "the injected invoker plays the same function");
    }

    @Nested
    class InANestedClass {
        @Test
        void theEnclosingClassFunctionApplies(Context context) {
            assertEquals("orders-api", context.getFunctionName());
        }
    }

    static class BadFunction {
        @Test
        @LambdaFunction(memory = 64)
        void needsAContext(TestContext context) {
        }
    }

    @Test
    void badAnnotationSettingsNameTheAttribute() {
        Throwable t = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BadFunction.class)).execute()
                .testEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(t.getMessage().contains("@LambdaFunction(memory) is '64'; allowed: 128 to 10240 (MB)."), t.getMessage());
    }
}
