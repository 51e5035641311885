package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.clientIp;
import static dev.serverlessmysql.test.EventTrees.emptyBatch;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.records;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Builds an S3 notification ({@link S3Event}) with the records S3 sends for object creation and removal. */
public final class S3EventBuilder extends S3Event {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.s3()";

    private transient String region = Ids.DEFAULT_REGION;

    S3EventBuilder() {
        adopt(this, emptyBatch(), S3Event.class, BUILDER);
    }

    /** The region of the records added from now on (default us-east-1). */
    public S3EventBuilder region(String region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** Adds an {@code ObjectCreated:Put} record for a 1 KiB object. */
    public S3EventBuilder objectCreated(String bucket, String key) {
        return objectCreated(bucket, key, 1024);
    }

    /** Adds an {@code ObjectCreated:Put} record for an object of {@code size} bytes. */
    public S3EventBuilder objectCreated(String bucket, String key, long size) {
        return add("ObjectCreated:Put", bucket, key, size);
    }

    /** Adds an {@code ObjectRemoved:Delete} record. */
    public S3EventBuilder objectRemoved(String bucket, String key) {
        return add("ObjectRemoved:Delete", bucket, key, -1);
    }

    /** Adds a record with any event name, such as {@code ObjectCreated:CompleteMultipartUpload}. */
    public S3EventBuilder record(String eventName, String bucket, String key, long size) {
        return add(eventName, bucket, key, size);
    }

    /** A plain copy of the notification, as the runtime would deliver it. */
    public S3Event build() {
        return RuntimeJson.roundTrip(this, S3Event.class);
    }

    /** The notification as the JSON Lambda receives. */
    public String json() {
        return RuntimeJson.toJson(this, S3Event.class);
    }

    private S3EventBuilder add(String eventName, String bucket, String key, long size) {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("Bucket name '" + bucket + "' is not valid: 3-63 lower-case letters, digits, '.' or '-'.");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("An S3 object key must not be empty.");
        }
        ObjectNode t = tree(this, S3Event.class);
        ObjectNode r = RuntimeJson.TREE.createObjectNode();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", region);
        r.put("eventTime", now().toString());
        r.put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:" + Ids.principalId());
        r.putObject("requestParameters").put("sourceIPAddress", clientIp());
        ObjectNode response = r.putObject("responseElements");
        response.put("x-amz-request-id", Ids.hex(16).toUpperCase(Locale.ROOT));
        response.put("x-amz-id-2", Ids.base64(57));
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "lambda-" + Ids.uuid());
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket);
        b.putObject("ownerIdentity").put("principalId", "A" + Ids.upperAlnum(13));
        b.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(key));
        if (size >= 0) {
            o.put("size", size);
            o.put("eTag", Ids.md5Hex(key + size));
        }
        o.put("sequencer", Ids.hex(18).toUpperCase(Locale.ROOT));
        records(t, "Records").add(r);
        adopt(this, t, S3Event.class, BUILDER);
        return this;
    }

    /** S3 URL-encodes keys in notifications, with spaces as {@code +} and slashes kept. */
    private static String encodeKey(String key) {
        List<String> parts = new ArrayList<>();
        for (String part : key.split("/", -1)) {
            parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return String.join("/", parts);
    }
}
