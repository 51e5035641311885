package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The builders make valid, realistic events that the runtime serializer reads back unchanged. */
class EventsBuilderTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Recent, without asserting on wall-clock timing: within a generous window around now. */
    private static void assertRecent(Instant instant) {
        Instant now = Instant.now();
        assertTrue(instant.isAfter(now.minus(Duration.ofHours(1))) && instant.isBefore(now.plus(Duration.ofMinutes(1))),
                instant + " is not around " + now);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads the builder's JSON back strictly: nothing the runtime would drop, and the same JSON out again. */
    private static <T> void assertRuntimeReadsItBack(String json, Class<T> type) {
        T event = Events.fromJson(json, type);
        assertEquals(RuntimeJson.tree(json), RuntimeJson.tree(Events.toJson(event)));
    }

    public static final class Order {
        private final int id;
        private final String item;

        Order(int id, String item) {
            this.id = id;
            this.item = item;
        }

        public int getId() {
            return id;
        }

        public String getItem() {
            return item;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void apiGatewayGetWithHeaderAndQuery() {
        APIGatewayProxyRequestEvent event = Events.apiGateway().get("/orders/42?expand=items&tag=a&tag=b%20c")
                .header("Authorization", "Bearer token").build();
        assertSame(APIGatewayProxyRequestEvent.class, event.getClass(), "build() gives the plain event class");
        assertEquals("GET", event.getHttpMethod());
        assertEquals("/orders/42", event.getPath());
        assertEquals("/{proxy+}", event.getResource());
        assertEquals(Map.of("proxy", "orders/42"), event.getPathParameters());
        assertEquals("items", event.getQueryStringParameters().get("expand"));
        assertEquals("b c", event.getQueryStringParameters().get("tag"), "the last value, as API Gateway does");
        assertEquals(List.of("a", "b c"), event.getMultiValueQueryStringParameters().get("tag"));
        assertEquals("Bearer token", event.getHeaders().get("Authorization"));
        assertEquals(List.of("Bearer token"), event.getMultiValueHeaders().get("Authorization"));
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getBody());

        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        assertTrue(UUID.matcher(context.getRequestId()).matches(), context.getRequestId());
        assertTrue(context.getApiId().matches("[a-z0-9]{10}"), context.getApiId());
        assertEquals(context.getApiId() + ".execute-api.us-east-1.amazonaws.com", context.getDomainName());
        assertEquals(context.getDomainName(), event.getHeaders().get("Host"));
        assertEquals("123456789012", context.getAccountId());
        assertEquals("prod", context.getStage());
        assertEquals("/prod/orders/42", context.getPath());
        assertEquals("GET", context.getHttpMethod());
        assertRecent(Instant.ofEpochMilli(context.getRequestTimeEpoch()));
        ZonedDateTime requestTime = ZonedDateTime.parse(context.getRequestTime(),
                DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH));
        assertEquals(context.getRequestTimeEpoch() / 1000, requestTime.toEpochSecond());
        assertTrue(context.getIdentity().getSourceIp().startsWith("198.51.100."));
        assertEquals(context.getIdentity().getSourceIp(), event.getHeaders().get("X-Forwarded-For"));
        assertTrue(event.getHeaders().get("X-Amzn-Trace-Id").matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"));
    }

    @Test
    void apiGatewayResourceTemplateGivesPathParameters() {
        APIGatewayProxyRequestEvent event = Events.apiGateway().get("/orders/42/items/book%201")
                .resource("/orders/{id}/items/{item}").build();
        assertEquals("/orders/{id}/items/{item}", event.getResource());
        assertEquals("/orders/{id}/items/{item}", event.getRequestContext().getResourcePath());
        assertEquals(Map.of("id", "42", "item", "book 1"), event.getPathParameters());
        assertThrows(IllegalArgumentException.class, () -> Events.apiGateway().get("/users/1").resource("/orders/{id}"));
    }

    @Test
    void apiGatewayPostSerializesTheBody() throws Exception {
        APIGatewayProxyRequestEvent event = Events.apiGateway().post("/orders", new Order(42, "book")).build();
        assertEquals("POST", event.getHttpMethod());
        assertEquals(Map.of("id", 42, "item", "book"),
                RuntimeJson.TREE.readValue(event.getBody(), Map.class));
        assertEquals("application/json", event.getHeaders().get("Content-Type"));
        assertEquals(Integer.toString(event.getBody().getBytes(StandardCharsets.UTF_8).length),
                event.getHeaders().get("Content-Length"));

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("qty", 2);
        assertEquals("{\"qty\":2}", Events.apiGateway().put("/orders/1", map).getBody());
        assertEquals("plain", Events.apiGateway().post("/notes", "plain").getHeaders().get("Content-Type").substring(5));

        APIGatewayProxyRequestEvent binary = Events.apiGateway().post("/upload", new byte[] {1, 2, 3}).build();
        assertTrue(binary.getIsBase64Encoded());
        assertEquals("AQID", binary.getBody());
    }

    @Test
    void apiGatewayBuilderIsItselfAValidEvent() {
        APIGatewayProxyRequestEvent direct = Events.apiGateway().post("/orders", "{\"id\":1}").stage("dev")
                .stageVariable("table", "orders_dev").claim("sub", "user-1").sourceIp("203.0.113.9");
        assertEquals("POST", direct.getHttpMethod());
        assertEquals("/dev/orders", direct.getRequestContext().getPath());
        assertEquals("orders_dev", direct.getStageVariables().get("table"));
        assertEquals("203.0.113.9", direct.getHeaders().get("X-Forwarded-For"));
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = (Map<String, Object>) direct.getRequestContext().getAuthorizer().get("claims");
        assertEquals("user-1", claims.get("sub"));
        assertRuntimeReadsItBack(((ApiGatewayEventBuilder) direct).json(), APIGatewayProxyRequestEvent.class);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void sqsMessagesHaveIdsDigestsAndTheQueueArn() throws Exception {
        SQSEvent event = Events.sqs().queue("orders").message("first").messages(3, i -> "{\"n\":" + i + "}")
                .message(new Order(7, "pen")).build();
        assertEquals(5, event.getRecords().size());
        Set<String> ids = new HashSet<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            assertTrue(UUID.matcher(m.getMessageId()).matches());
            ids.add(m.getMessageId());
            assertTrue(m.getReceiptHandle().startsWith("AQEB") && m.getReceiptHandle().length() > 100);
            assertEquals(md5(m.getBody()), m.getMd5OfBody());
            assertEquals("arn:aws:sqs:us-east-1:123456789012:orders", m.getEventSourceArn());
            assertEquals("aws:sqs", m.getEventSource());
            assertEquals("us-east-1", m.getAwsRegion());
            assertEquals("1", m.getAttributes().get("ApproximateReceiveCount"));
            assertTrue(m.getAttributes().get("SenderId").matches("AIDA[A-Z0-9]{17}"));
            long sent = Long.parseLong(m.getAttributes().get("SentTimestamp"));
            assertRecent(Instant.ofEpochMilli(sent));
            assertTrue(Long.parseLong(m.getAttributes().get("ApproximateFirstReceiveTimestamp")) >= sent);
        }
        assertEquals(5, ids.size(), "message ids are unique");
        assertEquals("{\"n\":2}", event.getRecords().get(3).getBody());
        assertEquals("{\"id\":7,\"item\":\"pen\"}", event.getRecords().get(4).getBody());
    }

    @Test
    void sqsQueueAppliesToEveryMessageAndAttributesGetTheirDigest() throws Exception {
        SqsEventBuilder builder = Events.sqs().message("a").message("b").queueArn("arn:aws:sqs:eu-west-1:123456789012:jobs.fifo")
                .messageAttribute("tenant", "acme").messageAttribute("priority", 5).receiveCount(3).messageGroupId("g1");
        SQSEvent event = builder.build();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            assertEquals("arn:aws:sqs:eu-west-1:123456789012:jobs.fifo", m.getEventSourceArn());
            assertEquals("eu-west-1", m.getAwsRegion());
        }
        SQSEvent.SQSMessage last = event.getRecords().get(1);
        assertNull(event.getRecords().get(0).getMd5OfMessageAttributes());
        assertEquals("acme", last.getMessageAttributes().get("tenant").getStringValue());
        assertEquals("Number", last.getMessageAttributes().get("priority").getDataType());
        assertEquals(expectedAttributeDigest(new String[][] {{"priority", "Number", "5"}, {"tenant", "String", "acme"}}),
                last.getMd5OfMessageAttributes());
        assertEquals("3", last.getAttributes().get("ApproximateReceiveCount"));
        assertEquals("g1", last.getAttributes().get("MessageGroupId"));
        assertTrue(last.getAttributes().get("SequenceNumber").matches("\\d{20}"));
        assertRuntimeReadsItBack(builder.json(), SQSEvent.class);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Events.sqs().messageAttribute("a", "b"));
        assertTrue(e.getMessage().contains("Add a message first"));
        assertThrows(IllegalArgumentException.class, () -> Events.sqs().queueArn("orders"));
    }

    /** The documented SQS algorithm, written out independently: sorted names, length-prefixed fields, transport 1. */
    private static String expectedAttributeDigest(String[][] sortedAttributes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String[] a : sortedAttributes) {
                for (int i = 0; i < 2; i++) {
                    byte[] b = a[i].getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
                out.writeByte(1);
                byte[] value = a[2].getBytes(StandardCharsets.UTF_8);
                out.writeInt(value.length);
                out.write(value);
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes.toByteArray()));
    }

    @Test
    void sqsBuilderIsItselfAValidEvent() {
        SQSEvent direct = Events.sqs().message("x");
        assertEquals(1, direct.getRecords().size());
        assertEquals("x", direct.getRecords().get(0).getBody());
        assertEquals(0, Events.sqs().getRecords().size());
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void s3ObjectCreatedLooksLikeS3Sent() {
        S3EventBuilder builder = Events.s3().objectCreated("uploads", "photos/cat 1.jpg").objectRemoved("uploads", "old.txt");
        S3Event event = builder.build();
        var created = event.getRecords().get(0);
        assertEquals("ObjectCreated:Put", created.getEventName());
        assertEquals("aws:s3", created.getEventSource());
        assertEquals("2.1", created.getEventVersion());
        assertEquals("us-east-1", created.getAwsRegion());
        assertRecent(Instant.ofEpochMilli(created.getEventTime().getMillis()));
        assertEquals("uploads", created.getS3().getBucket().getName());
        assertEquals("arn:aws:s3:::uploads", created.getS3().getBucket().getArn());
        assertEquals("photos/cat+1.jpg", created.getS3().getObject().getKey(), "keys arrive URL-encoded");
        assertEquals("photos/cat 1.jpg", created.getS3().getObject().getUrlDecodedKey());
        assertEquals(1024L, created.getS3().getObject().getSizeAsLong());
        assertTrue(created.getS3().getObject().geteTag().matches("[0-9a-f]{32}"));
        assertTrue(created.getS3().getObject().getSequencer().matches("[0-9A-F]{18}"));
        assertTrue(created.getResponseElements().getxAmzRequestId().matches("[0-9A-F]{16}"));
        assertTrue(created.getUserIdentity().getPrincipalId().startsWith("AWS:AIDA"));
        var removed = event.getRecords().get(1);
        assertEquals("ObjectRemoved:Delete", removed.getEventName());
        assertEquals("old.txt", removed.getS3().getObject().getKey());
        assertRuntimeReadsItBack(builder.json(), S3Event.class);

        S3Event direct = Events.s3().region("eu-west-1").objectCreated("uploads", "a.txt", 5);
        assertEquals("eu-west-1", direct.getRecords().get(0).getAwsRegion());
        assertEquals(5L, direct.getRecords().get(0).getS3().getObject().getSizeAsLong());
        assertThrows(IllegalArgumentException.class, () -> Events.s3().objectCreated("Bad_Bucket", "k"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void dynamodbRecordsCarryTypedImages() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "42");
        item.put("total", 9.5);
        item.put("paid", true);
        item.put("note", null);
        item.put("tags", new TreeSet<>(Set.of("a", "b")));
        item.put("lines", List.of(Map.of("sku", "book", "qty", 2)));
        DynamodbEventBuilder builder = Events.dynamodb().table("orders").insert(item)
                .modify(Map.of("id", "42", "paid", false), Map.of("id", "42", "paid", true)).remove(Map.of("id", "42"));
        DynamodbEvent event = builder.build();
        assertEquals(3, event.getRecords().size());
        var insert = event.getRecords().get(0);
        assertEquals("INSERT", insert.getEventName());
        assertEquals("aws:dynamodb", insert.getEventSource());
        assertTrue(insert.getEventID().matches("[0-9a-f]{32}"));
        assertTrue(insert.getEventSourceARN().matches(
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"),
                insert.getEventSourceARN());
        Map<String, AttributeValue> image = insert.getDynamodb().getNewImage();
        assertEquals("42", image.get("id").getS());
        assertEquals("9.5", image.get("total").getN());
        assertEquals(true, image.get("paid").getBOOL());
        assertEquals(true, image.get("note").getNULL());
        assertEquals(List.of("a", "b"), image.get("tags").getSS());
        assertEquals("2", image.get("lines").getL().get(0).getM().get("qty").getN());
        assertEquals(Map.of("id", new AttributeValue().withS("42")), insert.getDynamodb().getKeys());
        assertTrue(insert.getDynamodb().getSequenceNumber().matches("\\d{21}"));
        assertRecent(insert.getDynamodb().getApproximateCreationDateTime().toInstant());
        assertEquals("NEW_AND_OLD_IMAGES", insert.getDynamodb().getStreamViewType());
        assertNull(insert.getDynamodb().getOldImage());

        var modify = event.getRecords().get(1);
        assertEquals(false, modify.getDynamodb().getOldImage().get("paid").getBOOL());
        assertEquals(true, modify.getDynamodb().getNewImage().get("paid").getBOOL());
        var remove = event.getRecords().get(2);
        assertEquals("REMOVE", remove.getEventName());
        assertNull(remove.getDynamodb().getNewImage());
        assertRuntimeReadsItBack(builder.json(), DynamodbEvent.class);

        assertThrows(IllegalArgumentException.class, () -> Events.dynamodb().insert(Map.of("id", new Object())));
        assertThrows(IllegalArgumentException.class, () -> Events.dynamodb().keys("pk").insert(Map.of("id", "1")));
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void snsNotificationsCarryTheEnvelope() {
        SnsEventBuilder builder = Events.sns().topic("alerts").message("disk", "Disk is full").messageAttribute("severity", "high")
                .message(Map.of("k", "v"));
        SNSEvent event = builder.build();
        var record = event.getRecords().get(0);
        assertEquals("aws:sns", record.getEventSource());
        assertEquals("1.0", record.getEventVersion());
        assertTrue(record.getEventSubscriptionArn().startsWith("arn:aws:sns:us-east-1:123456789012:alerts:"));
        SNSEvent.SNS sns = record.getSNS();
        assertEquals("Notification", sns.getType());
        assertTrue(UUID.matcher(sns.getMessageId()).matches());
        assertEquals("arn:aws:sns:us-east-1:123456789012:alerts", sns.getTopicArn());
        assertEquals("disk", sns.getSubject());
        assertEquals("Disk is full", sns.getMessage());
        assertEquals("high", sns.getMessageAttributes().get("severity").getValue());
        assertEquals("1", sns.getSignatureVersion());
        assertTrue(sns.getSigningCertUrl().endsWith(".pem"));
        assertTrue(sns.getUnsubscribeUrl().contains(record.getEventSubscriptionArn()));
        assertRecent(Instant.ofEpochMilli(sns.getTimestamp().getMillis()));
        assertEquals("{\"k\":\"v\"}", event.getRecords().get(1).getSNS().getMessage());
        assertNull(event.getRecords().get(1).getSNS().getSubject());
        assertRuntimeReadsItBack(builder.json(), SNSEvent.class);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void scheduledEventsNameTheirRule() {
        Instant at = Instant.parse("2025-11-22T02:00:00Z");
        ScheduledEventBuilder builder = Events.scheduled().rule("nightly").at(at).region("eu-west-1").detail("reason", "test");
        ScheduledEvent event = builder.build();
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("0", event.getVersion());
        assertTrue(UUID.matcher(event.getId()).matches());
        assertEquals("123456789012", event.getAccount());
        assertEquals("eu-west-1", event.getRegion());
        assertEquals(List.of("arn:aws:events:eu-west-1:123456789012:rule/nightly"), event.getResources());
        assertEquals(at.toEpochMilli(), event.getTime().getMillis());
        assertEquals("test", event.getDetail().get("reason"));
        assertRuntimeReadsItBack(builder.json(), ScheduledEvent.class);

        ScheduledEvent now = Events.scheduled();
        assertRecent(Instant.ofEpochMilli(now.getTime().getMillis()));
        assertEquals(0, now.getTime().getMillisOfSecond(), "EventBridge reports whole seconds");
    }

    @Test
    void everyBuilderJsonIsWhatTheRuntimeWouldRead() {
        assertRuntimeReadsItBack(Events.apiGateway().get("/").json(), APIGatewayProxyRequestEvent.class);
        assertRuntimeReadsItBack(Events.sqs().message("m").json(), SQSEvent.class);
        assertRuntimeReadsItBack(Events.s3().objectCreated("b1b", "k").json(), S3Event.class);
        assertRuntimeReadsItBack(Events.dynamodb().insert(Map.of("id", 1)).json(), DynamodbEvent.class);
        assertRuntimeReadsItBack(Events.sns().message("m").json(), SNSEvent.class);
        assertRuntimeReadsItBack(Events.scheduled().json(), ScheduledEvent.class);
    }

    @Test
    void httpApiRequestsLookAsApiGatewayDeliversThem() {
        APIGatewayV2HTTPEvent get = Events.httpApi().get("/orders/42?expand=items&tag=a").queryParameter("tag", "b c")
                .route("/orders/{id}").header("X-Tenant", "acme").cookie("session", "abc").jwtClaim("sub", "user-1").build();
        assertEquals("2.0", get.getVersion());
        assertEquals("GET /orders/{id}", get.getRouteKey());
        assertEquals("GET /orders/{id}", get.getRequestContext().getRouteKey());
        assertEquals("/orders/42", get.getRawPath());
        assertEquals("expand=items&tag=a&tag=b+c", get.getRawQueryString());
        assertEquals(Map.of("expand", "items", "tag", "a,b c"), get.getQueryStringParameters());
        assertEquals(Map.of("id", "42"), get.getPathParameters());
        assertEquals("acme", get.getHeaders().get("x-tenant"));
        assertTrue(get.getHeaders().keySet().stream().allMatch(h -> h.equals(h.toLowerCase(Locale.ROOT))), get.getHeaders().toString());
        assertEquals(List.of("session=abc"), get.getCookies());
        assertEquals("GET", get.getRequestContext().getHttp().getMethod());
        assertEquals("user-1", get.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"));
        assertEquals("$default", get.getRequestContext().getStage());
        assertTrue(get.getRequestContext().getTimeEpoch() > 0);
        assertFalse(get.getIsBase64Encoded());

        APIGatewayV2HTTPEvent post = Events.httpApi().post("/orders", Map.of("id", 7)).stage("prod").build();
        assertEquals("{\"id\":7}", post.getBody());
        assertEquals("application/json", post.getHeaders().get("content-type"));
        assertEquals("8", post.getHeaders().get("content-length"));
        assertEquals("/prod/orders", post.getRawPath());
        assertEquals("$default", post.getRouteKey());
        assertTrue(Events.httpApi().post("/files", new byte[] {1, 2, 3}).build().getIsBase64Encoded());

        HttpApiEventBuilder builder = Events.httpApi().get("/x");
        assertEquals(Events.fromJson(builder.json(), APIGatewayV2HTTPEvent.class), builder.build(), "what it builds is what the runtime reads");
        assertThrows(IllegalArgumentException.class, () -> Events.httpApi().get("/a/b").route("/orders/{id}"));
    }
}
