package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code @LambdaEvent} on plain {@code @Test} parameters: every common event type, with and without overrides. */
class LambdaEventInjectionTest {

    @Test
    void injectsApiGatewayRestEvents(@LambdaEvent("events/get-order.json") APIGatewayProxyRequestEvent event) {
        assertEquals("GET", event.getHttpMethod());
        assertEquals("/orders/{id}", event.getResource());
        assertEquals("42", event.getPathParameters().get("id"));
        assertEquals("items", event.getQueryStringParameters().get("expand"));
        assertEquals(List.of("application/json"), event.getMultiValueHeaders().get("Accept"));
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", event.getRequestContext().getRequestId());
        assertEquals(1763822761000L, event.getRequestContext().getRequestTimeEpoch());
        assertEquals("198.51.100.23", event.getRequestContext().getIdentity().getSourceIp());
        assertNull(event.getBody());
    }

    @Test
    void injectsHttpApiEvents(@LambdaEvent("events/http-api-get-order.json") APIGatewayV2HTTPEvent event) {
        assertEquals("GET /orders/{id}", event.getRouteKey());
        assertEquals("GET", event.getRequestContext().getHttp().getMethod());
        assertEquals(List.of("session=abc123"), event.getCookies());
        assertEquals("42", event.getPathParameters().get("id"));
    }

    @Test
    void injectsSqsEvents(@LambdaEvent("events/order-batch.json") SQSEvent event) {
        assertEquals(2, event.getRecords().size());
        SQSEvent.SQSMessage first = event.getRecords().get(0);
        assertEquals("{\"orderId\":42,\"quantity\":2}", first.getBody());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:orders", first.getEventSourceArn());
        assertEquals("acme", first.getMessageAttributes().get("tenant").getStringValue());
        assertEquals("2", event.getRecords().get(1).getAttributes().get("ApproximateReceiveCount"));
    }

    @Test
    void injectsSnsEvents(@LambdaEvent("events/alert.json") SNSEvent event) {
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        assertEquals("Disk usage on db-1 is above 90%", sns.getMessage());
        assertEquals("disk", sns.getSubject());
        assertEquals("high", sns.getMessageAttributes().get("severity").getValue());
        assertEquals(2025, sns.getTimestamp().getYear());
    }

    @Test
    void injectsS3Events(@LambdaEvent("events/object-created.json") S3Event event) {
        var record = event.getRecords().get(0);
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("invoice-uploads", record.getS3().getBucket().getName());
        assertEquals("2025/11/invoice 42.pdf", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(48213L, record.getS3().getObject().getSizeAsLong());
    }

    @Test
    void injectsDynamodbEvents(@LambdaEvent("events/order-stream.json") DynamodbEvent event) {
        var insert = event.getRecords().get(0);
        assertEquals("INSERT", insert.getEventName());
        assertEquals("19.90", insert.getDynamodb().getNewImage().get("total").getN());
        assertEquals(true, insert.getDynamodb().getNewImage().get("paid").getBOOL());
        assertEquals(2, insert.getDynamodb().getNewImage().get("items").getL().size());
        assertEquals(false, event.getRecords().get(1).getDynamodb().getOldImage().get("paid").getBOOL());
    }

    @Test
    void injectsScheduledEvents(@LambdaEvent("events/nightly.json") ScheduledEvent event) {
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals(List.of("arn:aws:events:us-east-1:123456789012:rule/nightly-cleanup"), event.getResources());
        assertEquals(2, event.getTime().getHourOfDay());
    }

    @Test
    void injectsKinesisEvents(@LambdaEvent("events/order-stream-kinesis.json") KinesisEvent event) {
        var record = event.getRecords().get(0);
        assertEquals("order-42", record.getKinesis().getPartitionKey());
        assertEquals("{\"orderId\":42}", StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString());
    }

    @Test
    void injectsAnyOtherTypeTheRuntimeBinds(@LambdaEvent("events/alb-request.json") ApplicationLoadBalancerRequestEvent event) {
        assertEquals("/health", event.getPath());
        assertTrue(event.getRequestContext().getElb().getTargetGroupArn().contains(":targetgroup/orders/"));
    }

    @Test
    void injectsRawJsonForStreamHandlers(@LambdaEvent(value = "events/nightly.json", set = "detail.reason=manual") String json,
                                         @LambdaEvent("events/nightly.json") InputStream stream,
                                         @LambdaEvent("events/nightly.json") byte[] bytes) throws IOException {
        assertTrue(json.contains("\"reason\":\"manual\""), json);
        assertArrayEquals(bytes, stream.readAllBytes());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("Scheduled Event"));
    }

    @Test
    void injectsEveryFixtureOfAFolder(@LambdaEvent("events/orders/") List<SQSEvent> batches,
                                      @LambdaEvent("events/orders/") Map<String, SQSEvent> byName) {
        assertEquals(2, batches.size());
        assertEquals(List.of("a-first.json", "b-second.json"), List.copyOf(byName.keySet()));
        assertEquals("{\"orderId\":44,\"quantity\":5}", byName.get("b-second.json").getRecords().get(0).getBody());
    }

    @Test
    void overridesTheBody(@LambdaEvent(value = "events/get-order.json", body = "{\"quantity\": 3}") APIGatewayProxyRequestEvent event) {
        assertEquals("{\"quantity\": 3}", event.getBody());
    }

    @Test
    void overridesHeadersInBothMaps(
            @LambdaEvent(value = "events/get-order.json", headers = {"Authorization: Bearer other", "X-Tenant: acme"})
            APIGatewayProxyRequestEvent event) {
        assertEquals("Bearer other", event.getHeaders().get("Authorization"));
        assertEquals(List.of("Bearer other"), event.getMultiValueHeaders().get("Authorization"));
        assertEquals("acme", event.getHeaders().get("X-Tenant"));
        assertEquals(List.of("acme"), event.getMultiValueHeaders().get("X-Tenant"));
        assertEquals("application/json", event.getHeaders().get("Accept"), "untouched headers stay");
    }

    @Test
    void overridesPathAndQueryParameters(
            @LambdaEvent(value = "events/http-api-get-order.json", pathParameters = "id=43",
                    queryStringParameters = {"expand=none", "page=2"}) APIGatewayV2HTTPEvent event) {
        assertEquals("43", event.getPathParameters().get("id"));
        assertEquals("none", event.getQueryStringParameters().get("expand"));
        assertEquals("expand=none&page=2", event.getRawQueryString());
    }

    @Test
    void anHttpApiQueryOverrideKeepsTheOtherPairsAsTheClientSentThem(
            @LambdaEvent(value = "events/http-api-repeated-query.json", queryStringParameters = "expand=none")
            APIGatewayV2HTTPEvent event) {
        assertEquals("parameter1=value1&parameter1=value2&expand=none", event.getRawQueryString());
        assertEquals("value1,value2", event.getQueryStringParameters().get("parameter1"));
        assertEquals("none", event.getQueryStringParameters().get("expand"));
    }

    @Test
    void httpApiHeaderOverridesAreLowerCasedAsHttpApisDeliverThem(
            @LambdaEvent(value = "events/http-api-get-order.json", headers = {"X-Tenant: acme", "Accept: text/csv"})
            APIGatewayV2HTTPEvent event,
            @LambdaEvent(value = "events/get-order.json", headers = "X-Tenant: acme") APIGatewayProxyRequestEvent rest) {
        assertEquals("acme", event.getHeaders().get("x-tenant"));
        assertEquals("text/csv", event.getHeaders().get("accept"), "replaces the header of that name, whatever its case");
        assertEquals(List.of(), event.getHeaders().keySet().stream().filter(h -> !h.equals(h.toLowerCase(java.util.Locale.ROOT))).toList());
        assertEquals("acme", rest.getHeaders().get("X-Tenant"), "a REST API keeps the case");
    }

    @Test
    void overridesAnyFieldByPath(
            @LambdaEvent(value = "events/order-batch.json",
                    set = {"Records[1].body=hello", "Records[*].awsRegion=eu-west-1",
                            "Records[0].attributes.ApproximateReceiveCount=5"}) SQSEvent event,
            @LambdaEvent(value = "events/get-order.json",
                    set = {"requestContext.stage=dev", "isBase64Encoded=true", "requestContext.requestTimeEpoch=1"})
            APIGatewayProxyRequestEvent request) {
        assertEquals("hello", event.getRecords().get(1).getBody());
        assertEquals("eu-west-1", event.getRecords().get(0).getAwsRegion());
        assertEquals("eu-west-1", event.getRecords().get(1).getAwsRegion());
        assertEquals("5", event.getRecords().get(0).getAttributes().get("ApproximateReceiveCount"));
        assertEquals("dev", request.getRequestContext().getStage());
        assertTrue(request.getIsBase64Encoded());
        assertEquals(1L, request.getRequestContext().getRequestTimeEpoch());
    }

    @Test
    void lenientModeAcceptsFieldsTheModelLacks(
            @LambdaEvent(value = "events/broken/typo-field.json", strict = false) APIGatewayProxyRequestEvent event) {
        assertEquals("/orders/42", event.getPath());
        assertNull(event.getPathParameters());
    }

    @Test
    void eachParameterGetsItsOwnCopy(@LambdaEvent("events/order-batch.json") SQSEvent a,
                                     @LambdaEvent("events/order-batch.json") SQSEvent b, Context context) {
        assertEquals(a, b);
        a.getRecords().get(0).setBody("changed");
        assertFalse(a.equals(b));
        assertNotNull(context.getAwsRequestId(), "a @LambdaEvent parameter also brings the Context resolver");
    }
}
