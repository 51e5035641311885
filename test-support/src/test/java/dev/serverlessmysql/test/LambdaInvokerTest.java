package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader;
import com.amazonaws.services.lambda.runtime.api.client.UserFault;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.DtoSerializers;
import com.amazonaws.services.lambda.runtime.api.client.HandlerInfo;
import com.amazonaws.services.lambda.runtime.api.client.LambdaRequestHandler;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.converters.LambdaErrorConverter;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.ErrorRequest;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.dto.InvocationRequest;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invoker against the real Lambda Java runtime (aws-lambda-java-runtime-interface-client): the same handler, the
 * same event, byte-for-byte the same JSON out.
 */
@LambdaFunction(name = "orders-api", echoLogs = false)
class LambdaInvokerTest {

    // ---------------------------------------------------------------------------------------------------------------
    // handlers, public with public constructors as the runtime needs them

    public static final class OrdersApi implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
        @Override
        public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
            context.getLogger().log("GET order " + request.getPathParameters().get("id"));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("X-Request-Id", "fixed");
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(headers)
                    .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                    .withBody("{\"id\":\"" + request.getPathParameters().get("id") + "\",\"method\":\"" + request.getHttpMethod() + "\"}")
                    .withIsBase64Encoded(false);
        }
    }

    public static final class OrdersQueue implements RequestHandler<SQSEvent, SQSBatchResponse> {
        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (message.getBody().contains("bad")) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        }
    }

    public static final class Order {
        private String id;
        private int quantity;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public int getQuantity() {
            return quantity;
        }

        public void setQuantity(int quantity) {
            this.quantity = quantity;
        }
    }

    public static final class OrderPojoHandler implements RequestHandler<Order, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Order order, Context context) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", order.getId());
            result.put("doubled", order.getQuantity() * 2);
            result.put("nothing", null);
            return result;
        }
    }

    public static final class VoidHandler implements RequestHandler<Map<String, Object>, Void> {
        @Override
        public Void handleRequest(Map<String, Object> input, Context context) {
            return null;
        }
    }

    /** Fails the way handlers do in practice: through a future, with text JSON must escape in its message. */
    public static final class FailingAsync implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("line\u2028separator <b>&'quoted'= \"x\" \u00e9");
            }).join().toString();
        }
    }

    public static final class Failing implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
            throw new IllegalStateException("order table is locked");
        }
    }

    /** A generic base, as frameworks write them: the runtime still finds the concrete types. */
    public abstract static class Base<I, O> implements RequestHandler<I, O> {
    }

    public static final class Concrete extends Base<SQSEvent, Integer> {
        @Override
        public Integer handleRequest(SQSEvent event, Context context) {
            return event.getRecords().size();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the real runtime

    @BeforeAll
    static void giveTheRuntimeACustomerClassLoader() throws Exception {
        Field field = AWSLambda.class.getDeclaredField("customerClassLoader");
        field.setAccessible(true);
        if (field.get(null) == null) {
            field.set(null, new URLClassLoader(new URL[0], LambdaInvokerTest.class.getClassLoader()));
        }
    }

    private static InvocationRequest request(String json) {
        InvocationRequest request = new InvocationRequest();
        request.setId("8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        request.setInvokedFunctionArn("arn:aws:lambda:us-east-1:123456789012:function:orders-api");
        request.setDeadlineTimeInMs(System.currentTimeMillis() + 30_000);
        request.setXrayTraceId("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0");
        request.setContent(json.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** What the Lambda Java runtime itself writes for {@code handlerClass} given {@code json}. */
    private static String runtimeOutput(Class<?> handlerClass, String json) throws Exception {
        LambdaRequestHandler handler = EventHandlerLoader.loadEventHandler(new HandlerInfo(handlerClass, "handleRequest"));
        ByteArrayOutputStream out = handler.call(request(json));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Throwable runtimeFailure(Class<?> handlerClass, String json) throws Exception {
        LambdaRequestHandler handler = EventHandlerLoader.loadEventHandler(new HandlerInfo(handlerClass, "handleRequest"));
        try {
            handler.call(request(json));
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the runtime did not fail");
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void apiGatewayResponseJsonIsTheRuntimes(LambdaInvoker invoker) throws Exception {
        APIGatewayProxyRequestEvent request = Events.apiGateway().get("/orders/42").resource("/orders/{id}").build();
        InvocationResult<APIGatewayProxyResponseEvent> result = invoker.invoke(new OrdersApi(), request);

        assertTrue(result.succeeded(), result::toString);
        assertEquals(runtimeOutput(OrdersApi.class, Events.toJson(request)), result.json());
        assertEquals(200, result.response().getStatusCode());
        JsonNode json = RuntimeJson.tree(result.json());
        assertEquals("{\"id\":\"42\",\"method\":\"GET\"}", json.get("body").asText());
        assertEquals("application/json", json.get("headers").get("Content-Type").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertEquals(200, result.jsonAs(APIGatewayProxyResponseEvent.class).getStatusCode());
        assertEquals("GET order 42\n", result.logs());
        assertNull(result.functionError());
    }

    @Test
    void sqsBatchResponseJsonIsTheRuntimes(LambdaInvoker invoker) throws Exception {
        SQSEvent batch = Events.sqs().message("good").message("bad one").message("good").message("bad two").build();
        InvocationResult<SQSBatchResponse> result = invoker.invoke(new OrdersQueue(), batch);

        assertEquals(runtimeOutput(OrdersQueue.class, Events.toJson(batch)), result.json());
        JsonNode failures = RuntimeJson.tree(result.json()).get("batchItemFailures");
        assertEquals(2, failures.size());
        assertEquals(batch.getRecords().get(1).getMessageId(), failures.get(0).get("itemIdentifier").asText());
        assertEquals(batch.getRecords().get(3).getMessageId(), failures.get(1).get("itemIdentifier").asText());
        assertEquals(2, result.response().getBatchItemFailures().size());

        InvocationResult<SQSBatchResponse> allGood = invoker.invoke(new OrdersQueue(), Events.sqs().message("good"));
        assertEquals(runtimeOutput(OrdersQueue.class, Events.sqs().message("good").json()), allGood.json());
        assertEquals("{\"batchItemFailures\":[]}", allGood.json());
    }

    @Test
    void pojoVoidAndGenericHandlersMatchTheRuntime(LambdaInvoker invoker) throws Exception {
        String order = "{\"id\":\"o-1\",\"quantity\":21,\"ignored\":true}";
        InvocationResult<Map<String, Object>> pojo = invoker.invokeJson(new OrderPojoHandler(), order);
        assertEquals(runtimeOutput(OrderPojoHandler.class, order), pojo.json());
        assertEquals(42, pojo.response().get("doubled"));

        InvocationResult<Void> none = invoker.invokeJson(new VoidHandler(), "{}");
        assertEquals(runtimeOutput(VoidHandler.class, "{}"), none.json());
        assertEquals("null", none.json());

        String batch = Events.sqs().message("a").message("b").json();
        InvocationResult<Integer> generic = invoker.invokeJson(new Concrete(), batch);
        assertEquals(runtimeOutput(Concrete.class, batch), generic.json());
        assertEquals(2, generic.response());
    }

    @Test
    void handlerExceptionsAreReportedAsTheRuntimeReportsThem(LambdaInvoker invoker) throws Exception {
        String batch = Events.sqs().message("x").json();
        InvocationResult<String> result = invoker.invokeJson(new Failing(), batch);

        assertTrue(result.failed());
        assertEquals(InvocationResult.Outcome.ERROR, result.outcome());
        assertEquals("Unhandled", result.functionError());
        ErrorRequest expected = LambdaErrorConverter.fromThrowable(runtimeFailure(Failing.class, batch));
        assertEquals(expected.errorType, result.errorType());
        assertEquals(expected.errorMessage, result.errorMessage());
        JsonNode json = RuntimeJson.tree(result.json());
        assertEquals("order table is locked", json.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", json.get("errorType").asText());
        assertTrue(json.get("stackTrace").get(0).asText().startsWith(Failing.class.getName() + ".handleRequest("),
                json.get("stackTrace").toString());
        assertInstanceOf(IllegalStateException.class, result.error());

        LambdaInvocationException thrown = assertThrows(LambdaInvocationException.class, result::response);
        assertSame(result.error(), thrown.getCause());
        assertEquals("java.lang.IllegalStateException", thrown.errorType());
        assertEquals(result.requestId(), thrown.requestId());
    }

    @Test
    void theErrorDocumentIsTheRuntimesByteForByte(LambdaInvoker invoker) throws Exception {
        String batch = Events.sqs().message("x").json();
        for (Class<? extends RequestHandler<SQSEvent, String>> type : List.of(Failing.class, FailingAsync.class)) {
            InvocationResult<String> result = invoker.invokeJson(type.getDeclaredConstructor().newInstance(), batch);
            Throwable runtime = UserFault.filterStackTrace(runtimeFailure(type, batch));
            String expected = new String(DtoSerializers.serialize(LambdaErrorConverter.fromThrowable(runtime)), StandardCharsets.UTF_8);
            assertEquals(expected, result.json(), type.getSimpleName());
        }
    }

    @Test
    void jsonThatDoesNotBindFailsAsInTheRuntime(LambdaInvoker invoker) throws Exception {
        String notABatch = "{\"Records\": \"nope\"}";
        InvocationResult<Integer> result = invoker.invokeJson(new Concrete(), notABatch);
        Throwable runtime = runtimeFailure(Concrete.class, notABatch);
        assertEquals(runtime.getClass().getName(), result.errorType());
        assertEquals("An error occurred during JSON parsing", runtime.getMessage());
        assertEquals(runtime.getMessage(), result.errorMessage());
    }

    @Test
    void theHandlerGetsWhatTheRuntimeWouldDeliverNotTheTestsObject(LambdaInvoker invoker) {
        SqsEventBuilder builder = Events.sqs().message("hello");
        AtomicReference<SQSEvent> seen = new AtomicReference<>();
        RequestHandler<SQSEvent, String> handler = new RequestHandler<>() {
            @Override
            public String handleRequest(SQSEvent event, Context context) {
                seen.set(event);
                return event.getRecords().get(0).getBody();
            }
        };
        InvocationResult<String> result = invoker.invoke(handler, builder);
        assertEquals("hello", result.response());
        assertEquals("\"hello\"", result.json());
        assertNotSame(builder, seen.get());
        assertSame(SQSEvent.class, seen.get().getClass());
    }

    @Test
    void lambdaExpressionHandlersWorkWithoutDeclaredTypes(LambdaInvoker invoker) {
        RequestHandler<String, Integer> length = (text, context) -> text.length();
        InvocationResult<Integer> result = invoker.invoke(length, "four");
        assertEquals(4, result.response());
        assertEquals("4", result.json());
    }

    @Test
    void streamHandlersGetBytesAndReturnWhatTheyWrite(LambdaInvoker invoker) {
        RequestStreamHandler upper = (InputStream in, OutputStream out, Context context) ->
                out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"A\":1}", invoker.invoke(upper, "{\"a\":1}").response());
        RequestStreamHandler echo = (in, out, context) -> in.transferTo(out);
        SQSEvent batch = Events.sqs().message("m").build();
        SQSEvent back = invoker.invoke(echo, batch, SQSEvent.class).response();
        assertEquals(batch, back);
        RequestStreamHandler broken = (in, out, context) -> {
            throw new IOException("socket closed");
        };
        InvocationResult<String> failed = invoker.invoke(broken, "{}");
        assertEquals("java.io.IOException", failed.errorType());
    }

    @Test
    void everyInvocationGetsANewRequestIdInOneLogStream(LambdaInvoker invoker) {
        RequestHandler<Map<String, Object>, String> id = (in, context) -> context.getAwsRequestId();
        InvocationResult<String> first = invoker.invokeJson(id, "{}");
        InvocationResult<String> second = invoker.invokeJson(id, "{}");
        assertEquals(first.requestId(), first.response());
        assertNotEquals(first.requestId(), second.requestId());
        assertEquals(first.context().getLogStreamName(), second.context().getLogStreamName());
        assertTrue(first.reportLine().matches("REPORT RequestId: " + first.requestId()
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 128 MB"), first.reportLine());
    }

    @Test
    @LambdaFunction(timeoutMillis = 200, echoLogs = false)
    void aHandlerPastTheTimeoutIsReportedAsLambdaReportsIt(LambdaInvoker invoker) {
        AtomicReference<Thread> firstThread = new AtomicReference<>();
        RequestHandler<Map<String, Object>, String> slow = (in, context) -> {
            firstThread.compareAndSet(null, Thread.currentThread());
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "too late";
        };
        InvocationResult<String> result = invoker.invokeJson(slow, "{}");

        assertTrue(result.timedOut());
        assertEquals(InvocationResult.Outcome.TIMEOUT, result.outcome());
        assertEquals("Sandbox.Timedout", result.errorType());
        assertEquals("RequestId: " + result.requestId() + " Error: Task timed out after 0.20 seconds", result.errorMessage());
        JsonNode json = RuntimeJson.tree(result.json());
        assertEquals("Sandbox.Timedout", json.get("errorType").asText());
        assertEquals(result.errorMessage(), json.get("errorMessage").asText());
        assertTrue(result.logs().contains(result.requestId() + " Task timed out after 0.20 seconds"), result.logs());
        assertTrue(result.duration().compareTo(Duration.ofMillis(200)) >= 0);
        assertTrue(result.reportLine().endsWith("\tStatus: timeout"));
        assertEquals("Sandbox.Timedout", assertThrows(LambdaInvocationException.class, result::response).errorType());

        RequestHandler<Map<String, Object>, String> quick = (in, context) -> Thread.currentThread().getName();
        InvocationResult<String> next = invoker.invokeJson(quick, "{}");
        assertTrue(next.succeeded());
        assertNotEquals(result.context().getLogStreamName(), next.context().getLogStreamName(),
                "Lambda restarts the runtime after a timeout: a new environment");
    }

    @Test
    void anExplicitContextSetsTheDeadline() {
        try (LambdaInvoker invoker = LambdaInvoker.create()) {
            TestContext context = TestContext.builder().timeout(Duration.ofMinutes(1)).echoLogs(false).build();
            RequestHandler<Map<String, Object>, Integer> remaining = (in, c) -> c.getRemainingTimeInMillis();
            InvocationResult<Integer> result = invoker.invokeJson(remaining, "{}", context);
            assertSame(context, result.context());
            assertTrue(result.response() > 0 && result.response() <= 60_000);
        }
    }
}
