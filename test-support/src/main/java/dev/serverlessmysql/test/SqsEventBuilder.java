package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.bodyText;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.child;
import static dev.serverlessmysql.test.EventTrees.emptyBatch;
import static dev.serverlessmysql.test.EventTrees.last;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.records;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Builds an SQS batch ({@link SQSEvent}) as the event source mapping delivers it: message ids, receipt handles,
 * the system attributes, real MD5 digests of bodies and message attributes, and the queue ARN.
 */
public final class SqsEventBuilder extends SQSEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.sqs()";

    private transient String queueArn = arn("test-queue", Ids.DEFAULT_REGION);
    private transient String region = Ids.DEFAULT_REGION;

    SqsEventBuilder() {
        adopt(this, emptyBatch(), SQSEvent.class, BUILDER);
    }

    private static String arn(String queue, String region) {
        return "arn:aws:sqs:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":" + queue;
    }

    /** The queue the messages come from (default {@code test-queue}); applies to every message. */
    public SqsEventBuilder queue(String name) {
        return queueArn(arn(checkName("Queue name", name), region));
    }

    /** The queue's full ARN; applies to every message. */
    public SqsEventBuilder queueArn(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:sqs:") || arn.split(":").length != 6) {
            throw new IllegalArgumentException("Not an SQS queue ARN: '" + arn + "'. Expected arn:aws:sqs:<region>:<account>:<queue>.");
        }
        this.queueArn = arn;
        this.region = arn.split(":")[3];
        ObjectNode t = tree(this, SQSEvent.class);
        for (JsonNode record : records(t, "Records")) {
            ((ObjectNode) record).put("eventSourceARN", queueArn);
            ((ObjectNode) record).put("awsRegion", region);
        }
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    /** Adds a message; a body that is not text is written as JSON. */
    public SqsEventBuilder message(Object body) {
        ObjectNode t = tree(this, SQSEvent.class);
        records(t, "Records").add(record(bodyText(body)));
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    /** Adds {@code count} messages; {@code body} gives the body of message {@code i} (0-based), text or an object. */
    public SqsEventBuilder messages(int count, IntFunction<?> body) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        ObjectNode t = tree(this, SQSEvent.class);
        ArrayNode records = records(t, "Records");
        for (int i = 0; i < count; i++) {
            records.add(record(bodyText(body.apply(i))));
        }
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    /** Adds a {@code String} message attribute to the last message. */
    public SqsEventBuilder messageAttribute(String name, String value) {
        return attribute(name, "String", value);
    }

    /** Adds a {@code Number} message attribute to the last message. */
    public SqsEventBuilder messageAttribute(String name, Number value) {
        return attribute(name, "Number", new BigDecimal(value.toString()).toPlainString());
    }

    /** Sets the last message's {@code ApproximateReceiveCount}, as after redeliveries. */
    public SqsEventBuilder receiveCount(int count) {
        ObjectNode t = tree(this, SQSEvent.class);
        child(last(records(t, "Records"), "message"), "attributes").put("ApproximateReceiveCount", Integer.toString(count));
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    /** Makes the last message a FIFO message of {@code groupId} (the queue should end in {@code .fifo}). */
    public SqsEventBuilder messageGroupId(String groupId) {
        ObjectNode t = tree(this, SQSEvent.class);
        ObjectNode attributes = child(last(records(t, "Records"), "message"), "attributes");
        attributes.put("MessageGroupId", groupId);
        attributes.put("MessageDeduplicationId", Ids.md5Hex(Ids.uuid()));
        attributes.put("SequenceNumber", "1884" + Ids.digits(16));
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    /** A plain copy of the batch, as the runtime would deliver it. */
    public SQSEvent build() {
        return RuntimeJson.roundTrip(this, SQSEvent.class);
    }

    /** The batch as the JSON Lambda receives. */
    public String json() {
        return RuntimeJson.toJson(this, SQSEvent.class);
    }

    private SqsEventBuilder attribute(String name, String dataType, String value) {
        ObjectNode t = tree(this, SQSEvent.class);
        ObjectNode record = last(records(t, "Records"), "message");
        ObjectNode attribute = child(record, "messageAttributes").putObject(Objects.requireNonNull(name, "name"));
        attribute.put("stringValue", value);
        attribute.putArray("stringListValues");
        attribute.putArray("binaryListValues");
        attribute.put("dataType", dataType);
        record.put("md5OfMessageAttributes", md5OfMessageAttributes(record.get("messageAttributes")));
        adopt(this, t, SQSEvent.class, BUILDER);
        return this;
    }

    private ObjectNode record(String body) {
        Instant sent = now();
        ObjectNode r = RuntimeJson.TREE.createObjectNode();
        r.put("messageId", Ids.uuid());
        r.put("receiptHandle", "AQEB" + Ids.base64(96).replace('+', '/').replace("=", ""));
        r.put("body", body);
        ObjectNode attributes = r.putObject("attributes");
        attributes.put("ApproximateReceiveCount", "1");
        attributes.put("SentTimestamp", Long.toString(sent.toEpochMilli()));
        attributes.put("SenderId", Ids.principalId());
        attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(sent.toEpochMilli() + 3));
        r.putObject("messageAttributes");
        r.put("md5OfBody", Ids.md5Hex(body == null ? "" : body));
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", queueArn);
        r.put("awsRegion", region);
        return r;
    }

    /** SQS's digest of message attributes: length-prefixed name, type, transport byte and value, sorted by name. */
    static String md5OfMessageAttributes(JsonNode attributes) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        attributes.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            JsonNode attribute = attributes.get(name);
            String dataType = attribute.path("dataType").asText();
            writeLengthPrefixed(buffer, name.getBytes(StandardCharsets.UTF_8));
            writeLengthPrefixed(buffer, dataType.getBytes(StandardCharsets.UTF_8));
            if (dataType.startsWith("Binary")) {
                buffer.write(2);
                writeLengthPrefixed(buffer, Base64.getDecoder().decode(attribute.path("binaryValue").asText()));
            } else {
                buffer.write(1);
                writeLengthPrefixed(buffer, attribute.path("stringValue").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return Ids.md5Hex(buffer.toByteArray());
    }

    private static void writeLengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
