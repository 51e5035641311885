package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda events built in code, and fixtures loaded from JSON, both exactly as the Lambda Java runtime delivers them.
 *
 * <pre>{@code
 * APIGatewayProxyRequestEvent get = Events.apiGateway().get("/orders/42").header("Authorization", "Bearer t").build();
 * APIGatewayProxyRequestEvent post = Events.apiGateway().post("/orders", new Order(42)).build();
 * SQSEvent batch = Events.sqs().queue("orders").message("{\"id\":1}").messages(10, i -> "{\"id\":" + i + "}").build();
 * S3Event upload = Events.s3().objectCreated("uploads", "photos/cat 1.jpg").build();
 * DynamodbEvent change = Events.dynamodb().table("orders").insert(Map.of("id", "42", "total", 9.5)).build();
 * SNSEvent note = Events.sns().topic("alerts").message("disk full").build();
 * ScheduledEvent tick = Events.scheduled().rule("nightly").build();
 * }</pre>
 *
 * <p>Every builder <em>is</em> an instance of its event class, always in a valid state, so it can also be used
 * directly ({@code SQSEvent e = Events.sqs().message("x")}); {@link SqsBuilder#build() build()} returns a plain copy.
 * Each step writes the event in Lambda's JSON shape (ids, ARNs, timestamps, the attributes the services set, SQS MD5
 * digests) and reads it back with the runtime's serializer, so what you build is what the runtime would deliver.
 * {@code json()} gives that JSON, handy for a {@code RequestStreamHandler} or for writing a fixture file.
 */
public final class Events {

    private static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STREAM_LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private Events() {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // builders

    /** A REST API (API Gateway v1) proxy request, {@code GET /} until you say otherwise. */
    public static ApiGatewayBuilder apiGateway() {
        return new ApiGatewayBuilder();
    }

    /** An SQS batch, empty until you add messages. */
    public static SqsBuilder sqs() {
        return new SqsBuilder();
    }

    /** An S3 notification, empty until you add records. */
    public static S3Builder s3() {
        return new S3Builder();
    }

    /** A DynamoDB stream batch, empty until you add records. */
    public static DynamodbBuilder dynamodb() {
        return new DynamodbBuilder();
    }

    /** An SNS notification batch, empty until you add messages. */
    public static SnsBuilder sns() {
        return new SnsBuilder();
    }

    /** An EventBridge scheduled event for rule {@code test-schedule}, firing now. */
    public static ScheduledBuilder scheduled() {
        return new ScheduledBuilder();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // loading

    /**
     * Loads a fixture from the class path (thread context class loader; also from inside a jar) or the file system
     * and binds it to {@code type} exactly as the runtime would, failing on fields the runtime would drop.
     *
     * @throws EventFixtureException naming the file, the type and the bad field
     */
    public static <T> T load(String location, Class<T> type) {
        return type.cast(EventFixtures.load(location, type, EventFixtures.Overrides.NONE, true,
                EventFixtures.Lookup.of(null)));
    }

    /** Like {@link #load(String, Class)}, but with {@code strict} false, fields the model lacks are ignored. */
    public static <T> T load(String location, Class<T> type, boolean strict) {
        return type.cast(EventFixtures.load(location, type, EventFixtures.Overrides.NONE, strict,
                EventFixtures.Lookup.of(null)));
    }

    /**
     * Loads every {@code .json} fixture directly inside {@code folder}, sorted by file name; the folder may sit in a
     * directory or inside a jar on the class path.
     */
    public static <T> Map<String, T> loadAll(String folder, Class<T> type) {
        Map<String, Object> loaded = EventFixtures.loadFolder(folder, type, EventFixtures.Overrides.NONE, true,
                EventFixtures.Lookup.of(null));
        Map<String, T> typed = new TreeMap<>();
        loaded.forEach((name, event) -> typed.put(name, type.cast(event)));
        return typed;
    }

    /** Binds JSON to {@code type} exactly as the runtime would. */
    public static <T> T fromJson(String json, Class<T> type) {
        return type.cast(EventFixtures.bind("(JSON text)", json, type, EventFixtures.Overrides.NONE, true));
    }

    /** Writes an event (or any object) to JSON exactly as the runtime would. */
    public static String toJson(Object event) {
        Objects.requireNonNull(event, "event");
        return RuntimeJson.toJson(event, RuntimeJson.bindingClassOf(event.getClass()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // shared machinery

    private static ObjectNode tree(Object self, Class<?> type) {
        return (ObjectNode) RuntimeJson.tree(RuntimeJson.toJson(self, type));
    }

    /** Reads {@code tree} back with the runtime serializer (refusing anything it would drop) and takes on its state. */
    private static void adopt(Object self, ObjectNode tree, Class<?> type, String builder) {
        Object fresh = EventFixtures.bind(builder, RuntimeJson.write(tree), type, EventFixtures.Overrides.NONE, true);
        try {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    field.setAccessible(true);
                    field.set(self, field.get(fresh));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot update " + type.getSimpleName() + " built by " + builder + ": " + e, e);
        }
    }

    private static String bodyText(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof CharSequence text) {
            return text.toString();
        }
        return Events.toJson(body);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: use 1-256 letters, digits, '.', '-' or '_'.");
        }
        return name;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private static ArrayNode records(ObjectNode tree, String name) {
        JsonNode records = tree.get(name);
        return records instanceof ArrayNode array ? array : tree.putArray(name);
    }

    private static ObjectNode last(ArrayNode records, String what) {
        if (records.isEmpty()) {
            throw new IllegalStateException("Add a " + what + " first; this setting applies to the last one added.");
        }
        return (ObjectNode) records.get(records.size() - 1);
    }

    /** A TEST-NET address, as a client address would look in an event. */
    private static String clientIp() {
        return "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Builds an API Gateway REST API proxy request ({@link APIGatewayProxyRequestEvent}) with the request context,
     * headers and multi-value maps API Gateway fills in. Without {@link #resource(String)} the request goes through
     * a greedy {@code /{proxy+}} resource, as most Lambda proxy APIs are set up.
     */
    public static final class ApiGatewayBuilder extends APIGatewayProxyRequestEvent {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.apiGateway()";

        private transient String resourceTemplate;

        private ApiGatewayBuilder() {
            String apiId = Ids.lowerAlnum(10);
            Instant now = now();
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            ObjectNode identity = RuntimeJson.TREE.createObjectNode();
            String ip = clientIp();
            identity.put("sourceIp", ip);
            identity.put("userAgent", "curl/8.5.0");
            ObjectNode context = t.putObject("requestContext");
            context.put("accountId", Ids.DEFAULT_ACCOUNT);
            context.put("apiId", apiId);
            context.put("domainName", apiId + ".execute-api." + Ids.DEFAULT_REGION + ".amazonaws.com");
            context.put("domainPrefix", apiId);
            context.put("extendedRequestId", Ids.upperAlnum(14) + "=");
            context.put("httpMethod", "GET");
            context.set("identity", identity);
            context.put("path", "/prod/");
            context.put("protocol", "HTTP/1.1");
            context.put("requestId", Ids.uuid());
            context.put("requestTime", API_GATEWAY_TIME.format(now));
            context.put("requestTimeEpoch", now.toEpochMilli());
            context.put("resourceId", Ids.lowerAlnum(6));
            context.put("resourcePath", "/");
            context.put("stage", "prod");
            t.put("resource", "/");
            t.put("path", "/");
            t.put("httpMethod", "GET");
            t.put("isBase64Encoded", false);
            ObjectNode headers = t.putObject("headers");
            ObjectNode multi = t.putObject("multiValueHeaders");
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("Accept", "*/*");
            defaults.put("Host", apiId + ".execute-api." + Ids.DEFAULT_REGION + ".amazonaws.com");
            defaults.put("User-Agent", "curl/8.5.0");
            defaults.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + Ids.hex(24));
            defaults.put("X-Forwarded-For", ip);
            defaults.put("X-Forwarded-Port", "443");
            defaults.put("X-Forwarded-Proto", "https");
            defaults.forEach((name, value) -> {
                headers.put(name, value);
                multi.putArray(name).add(value);
            });
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        }

        /** A GET of {@code pathAndQuery}, such as {@code /orders/42?expand=items}. */
        public ApiGatewayBuilder get(String pathAndQuery) {
            return request("GET", pathAndQuery, null);
        }

        /** A POST of {@code body}: text as is, a {@code byte[]} base64-encoded, anything else written as JSON. */
        public ApiGatewayBuilder post(String pathAndQuery, Object body) {
            return request("POST", pathAndQuery, body);
        }

        /** A PUT of {@code body}, encoded as for {@link #post(String, Object)}. */
        public ApiGatewayBuilder put(String pathAndQuery, Object body) {
            return request("PUT", pathAndQuery, body);
        }

        /** A PATCH of {@code body}, encoded as for {@link #post(String, Object)}. */
        public ApiGatewayBuilder patch(String pathAndQuery, Object body) {
            return request("PATCH", pathAndQuery, body);
        }

        /** A DELETE of {@code pathAndQuery}. */
        public ApiGatewayBuilder delete(String pathAndQuery) {
            return request("DELETE", pathAndQuery, null);
        }

        /** A request with any method; {@code body} may be null. */
        public ApiGatewayBuilder request(String method, String pathAndQuery, Object body) {
            Objects.requireNonNull(method, "method");
            if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
                throw new IllegalArgumentException("The path must start with '/', for example /orders/42; got '" + pathAndQuery + "'.");
            }
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            String method1 = method.toUpperCase(Locale.ROOT);
            int q = pathAndQuery.indexOf('?');
            String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
            t.put("httpMethod", method1);
            t.put("path", path);
            ObjectNode context = (ObjectNode) t.get("requestContext");
            context.put("httpMethod", method1);
            context.put("path", "/" + context.path("stage").asText("prod") + path);
            t.remove("queryStringParameters");
            t.remove("multiValueQueryStringParameters");
            if (q >= 0) {
                for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                    if (!pair.isEmpty()) {
                        int eq = pair.indexOf('=');
                        String name = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                        String value = eq >= 0 ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
                        addQuery(t, name, value);
                    }
                }
            }
            routeTo(t);
            setBody(t, body);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Sets a header, in {@code headers} and {@code multiValueHeaders} alike. */
        public ApiGatewayBuilder header(String name, String value) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            putHeader(t, name, value);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Adds a query string parameter; a repeated name keeps every value in the multi-value map, the last in the other. */
        public ApiGatewayBuilder queryParameter(String name, String value) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            addQuery(t, name, value);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Sets a path parameter. */
        public ApiGatewayBuilder pathParameter(String name, String value) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            child(t, "pathParameters").put(name, value);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /**
         * The API resource the request matched, such as {@code /orders/{id}}; path parameters are taken from the path.
         */
        public ApiGatewayBuilder resource(String template) {
            this.resourceTemplate = Objects.requireNonNull(template, "template");
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            routeTo(t);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Replaces the body, encoded as for {@link #post(String, Object)}. */
        public ApiGatewayBuilder body(Object body) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            setBody(t, body);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** The stage name (default {@code prod}). */
        public ApiGatewayBuilder stage(String stage) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            ObjectNode context = (ObjectNode) t.get("requestContext");
            context.put("stage", checkName("Stage", stage));
            context.put("path", "/" + stage + t.path("path").asText());
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Sets a stage variable. */
        public ApiGatewayBuilder stageVariable(String name, String value) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            child(t, "stageVariables").put(name, value);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** The client address, in the request context and {@code X-Forwarded-For}. */
        public ApiGatewayBuilder sourceIp(String ip) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            ((ObjectNode) t.get("requestContext").get("identity")).put("sourceIp", ip);
            putHeader(t, "X-Forwarded-For", ip);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** Adds a claim as a Cognito user pool authorizer passes it ({@code requestContext.authorizer.claims}). */
        public ApiGatewayBuilder claim(String name, String value) {
            ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
            child(child((ObjectNode) t.get("requestContext"), "authorizer"), "claims").put(name, value);
            adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
            return this;
        }

        /** A plain copy of the request, as the runtime would deliver it. */
        public APIGatewayProxyRequestEvent build() {
            return RuntimeJson.roundTrip(this, APIGatewayProxyRequestEvent.class);
        }

        /** The request as the JSON API Gateway sends to Lambda. */
        public String json() {
            return RuntimeJson.toJson(this, APIGatewayProxyRequestEvent.class);
        }

        private void routeTo(ObjectNode t) {
            String path = t.path("path").asText("/");
            t.remove("pathParameters");
            String resource;
            if (resourceTemplate != null) {
                resource = resourceTemplate;
                Map<String, String> parameters = match(resourceTemplate, path);
                if (parameters == null) {
                    throw new IllegalArgumentException("Path '" + path + "' does not match resource '" + resourceTemplate + "'.");
                }
                if (!parameters.isEmpty()) {
                    ObjectNode p = t.putObject("pathParameters");
                    parameters.forEach(p::put);
                }
            } else if (path.equals("/")) {
                resource = "/";
            } else {
                resource = "/{proxy+}";
                t.putObject("pathParameters").put("proxy", path.substring(1));
            }
            t.put("resource", resource);
            ((ObjectNode) t.get("requestContext")).put("resourcePath", resource);
        }

        private static Map<String, String> match(String template, String path) {
            StringBuilder regex = new StringBuilder();
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}").matcher(template);
            int at = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(at, m.start())));
                regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
                names.add(m.group(1));
                at = m.end();
            }
            regex.append(Pattern.quote(template.substring(at)));
            Matcher pm = Pattern.compile(regex.toString()).matcher(path);
            if (!pm.matches()) {
                return null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                parameters.put(names.get(i), URLDecoder.decode(pm.group(i + 1), StandardCharsets.UTF_8));
            }
            return parameters;
        }

        private static void putHeader(ObjectNode t, String name, String value) {
            Objects.requireNonNull(name, "name");
            child(t, "headers").put(name, value);
            child(t, "multiValueHeaders").putArray(name).add(value);
        }

        private static void addQuery(ObjectNode t, String name, String value) {
            child(t, "queryStringParameters").put(name, value);
            ObjectNode multi = child(t, "multiValueQueryStringParameters");
            JsonNode values = multi.get(name);
            (values instanceof ArrayNode array ? array : multi.putArray(name)).add(value);
        }

        private static void setBody(ObjectNode t, Object body) {
            if (body == null) {
                t.putNull("body");
                t.put("isBase64Encoded", false);
                return;
            }
            if (body instanceof byte[] bytes) {
                t.put("body", Base64.getEncoder().encodeToString(bytes));
                t.put("isBase64Encoded", true);
                if (!t.path("headers").has("Content-Type")) {
                    putHeader(t, "Content-Type", "application/octet-stream");
                }
                putHeader(t, "Content-Length", Integer.toString(bytes.length));
                return;
            }
            String text = bodyText(body);
            t.put("body", text);
            t.put("isBase64Encoded", false);
            if (!t.path("headers").has("Content-Type")) {
                putHeader(t, "Content-Type", body instanceof CharSequence && !looksLikeJson(text) ? "text/plain" : "application/json");
            }
            putHeader(t, "Content-Length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
        }

        private static boolean looksLikeJson(String text) {
            String s = text.strip();
            return s.startsWith("{") || s.startsWith("[");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Builds an SQS batch ({@link SQSEvent}) as the event source mapping delivers it: message ids, receipt handles,
     * the system attributes, real MD5 digests of bodies and message attributes, and the queue ARN.
     */
    public static final class SqsBuilder extends SQSEvent {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.sqs()";

        private transient String queueArn = arn("test-queue", Ids.DEFAULT_REGION);
        private transient String region = Ids.DEFAULT_REGION;

        private SqsBuilder() {
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            t.putArray("Records");
            adopt(this, t, SQSEvent.class, BUILDER);
        }

        private static String arn(String queue, String region) {
            return "arn:aws:sqs:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":" + queue;
        }

        /** The queue the messages come from (default {@code test-queue}); applies to every message. */
        public SqsBuilder queue(String name) {
            return queueArn(arn(checkName("Queue name", name), region));
        }

        /** The queue's full ARN; applies to every message. */
        public SqsBuilder queueArn(String arn) {
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
        public SqsBuilder message(Object body) {
            ObjectNode t = tree(this, SQSEvent.class);
            records(t, "Records").add(record(bodyText(body)));
            adopt(this, t, SQSEvent.class, BUILDER);
            return this;
        }

        /** Adds {@code count} messages; {@code body} gives the body of message {@code i} (0-based), text or an object. */
        public SqsBuilder messages(int count, IntFunction<?> body) {
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
        public SqsBuilder messageAttribute(String name, String value) {
            return attribute(name, "String", value);
        }

        /** Adds a {@code Number} message attribute to the last message. */
        public SqsBuilder messageAttribute(String name, Number value) {
            return attribute(name, "Number", new BigDecimal(value.toString()).toPlainString());
        }

        /** Sets the last message's {@code ApproximateReceiveCount}, as after redeliveries. */
        public SqsBuilder receiveCount(int count) {
            ObjectNode t = tree(this, SQSEvent.class);
            child(last(records(t, "Records"), "message"), "attributes").put("ApproximateReceiveCount", Integer.toString(count));
            adopt(this, t, SQSEvent.class, BUILDER);
            return this;
        }

        /** Makes the last message a FIFO message of {@code groupId} (the queue should end in {@code .fifo}). */
        public SqsBuilder messageGroupId(String groupId) {
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

        private SqsBuilder attribute(String name, String dataType, String value) {
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

    // ---------------------------------------------------------------------------------------------------------------

    /** Builds an S3 notification ({@link S3Event}) with the records S3 sends for object creation and removal. */
    public static final class S3Builder extends S3Event {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.s3()";

        private transient String region = Ids.DEFAULT_REGION;

        private S3Builder() {
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            t.putArray("Records");
            adopt(this, t, S3Event.class, BUILDER);
        }

        /** The region of the records added from now on (default us-east-1). */
        public S3Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Adds an {@code ObjectCreated:Put} record for a 1 KiB object. */
        public S3Builder objectCreated(String bucket, String key) {
            return objectCreated(bucket, key, 1024);
        }

        /** Adds an {@code ObjectCreated:Put} record for an object of {@code size} bytes. */
        public S3Builder objectCreated(String bucket, String key, long size) {
            return add("ObjectCreated:Put", bucket, key, size);
        }

        /** Adds an {@code ObjectRemoved:Delete} record. */
        public S3Builder objectRemoved(String bucket, String key) {
            return add("ObjectRemoved:Delete", bucket, key, -1);
        }

        /** Adds a record with any event name, such as {@code ObjectCreated:CompleteMultipartUpload}. */
        public S3Builder record(String eventName, String bucket, String key, long size) {
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

        private S3Builder add(String eventName, String bucket, String key, long size) {
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

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Builds a DynamoDB stream batch ({@link DynamodbEvent}). Items are plain maps: strings, numbers, booleans, null,
     * nested maps and lists, {@code byte[]} and sets become the matching attribute values.
     */
    public static final class DynamodbBuilder extends DynamodbEvent {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.dynamodb()";

        private transient String table = "test-table";
        private transient String streamLabel = STREAM_LABEL.format(now().minus(1, ChronoUnit.DAYS));
        private transient List<String> keys = List.of();
        private transient String viewType = "NEW_AND_OLD_IMAGES";
        private transient String region = Ids.DEFAULT_REGION;

        private DynamodbBuilder() {
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            t.putArray("Records");
            adopt(this, t, DynamodbEvent.class, BUILDER);
        }

        /** The table of the records added from now on (default {@code test-table}). */
        public DynamodbBuilder table(String name) {
            this.table = checkName("Table name", name);
            return this;
        }

        /** The key attributes (default {@code id} when the item has it, else its first attribute). */
        public DynamodbBuilder keys(String... names) {
            this.keys = List.of(names);
            return this;
        }

        /** The stream view type of the records added from now on (default {@code NEW_AND_OLD_IMAGES}). */
        public DynamodbBuilder streamViewType(String viewType) {
            this.viewType = Objects.requireNonNull(viewType, "viewType");
            return this;
        }

        /** The region of the records added from now on. */
        public DynamodbBuilder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Adds an {@code INSERT} of {@code item}. */
        public DynamodbBuilder insert(Map<String, ?> item) {
            return add("INSERT", null, item);
        }

        /** Adds a {@code MODIFY} from {@code oldItem} to {@code newItem}. */
        public DynamodbBuilder modify(Map<String, ?> oldItem, Map<String, ?> newItem) {
            return add("MODIFY", oldItem, newItem);
        }

        /** Adds a {@code REMOVE} of {@code item}. */
        public DynamodbBuilder remove(Map<String, ?> item) {
            return add("REMOVE", item, null);
        }

        /** A plain copy of the batch, as the runtime would deliver it. */
        public DynamodbEvent build() {
            return RuntimeJson.roundTrip(this, DynamodbEvent.class);
        }

        /** The batch as the JSON Lambda receives. */
        public String json() {
            return RuntimeJson.toJson(this, DynamodbEvent.class);
        }

        private DynamodbBuilder add(String eventName, Map<String, ?> oldItem, Map<String, ?> newItem) {
            Map<String, ?> item = newItem != null ? newItem : oldItem;
            Objects.requireNonNull(item, "item");
            if (item.isEmpty()) {
                throw new IllegalArgumentException("A DynamoDB item needs at least its key attributes.");
            }
            List<String> keyNames = keys.isEmpty() ? List.of(item.containsKey("id") ? "id" : item.keySet().iterator().next()) : keys;
            ObjectNode t = tree(this, DynamodbEvent.class);
            ObjectNode r = RuntimeJson.TREE.createObjectNode();
            r.put("eventID", Ids.hex(32));
            r.put("eventName", eventName);
            r.put("eventVersion", "1.1");
            r.put("eventSource", "aws:dynamodb");
            r.put("awsRegion", region);
            ObjectNode d = r.putObject("dynamodb");
            d.put("ApproximateCreationDateTime", now().getEpochSecond());
            ObjectNode keyNode = d.putObject("Keys");
            for (String key : keyNames) {
                if (!item.containsKey(key)) {
                    throw new IllegalArgumentException("Key attribute '" + key + "' is missing from the item " + item.keySet() + ".");
                }
                keyNode.set(key, attributeValue(item.get(key)));
            }
            boolean withNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
            boolean withOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
            if (newItem != null && withNew) {
                d.set("NewImage", image(newItem));
            }
            if (oldItem != null && withOld) {
                d.set("OldImage", image(oldItem));
            }
            d.put("SequenceNumber", (1 + ThreadLocalRandom.current().nextInt(9)) + Ids.digits(20));
            d.put("SizeBytes", RuntimeJson.write(d).length());
            d.put("StreamViewType", viewType);
            r.put("eventSourceARN", "arn:aws:dynamodb:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":table/" + table + "/stream/"
                    + streamLabel);
            records(t, "Records").add(r);
            adopt(this, t, DynamodbEvent.class, BUILDER);
            return this;
        }

        private static ObjectNode image(Map<String, ?> item) {
            ObjectNode image = RuntimeJson.TREE.createObjectNode();
            item.forEach((name, value) -> image.set(name, attributeValue(value)));
            return image;
        }

        /** Converts a plain Java value to DynamoDB's attribute value JSON. */
        static ObjectNode attributeValue(Object value) {
            ObjectNode node = RuntimeJson.TREE.createObjectNode();
            if (value == null) {
                node.put("NULL", true);
            } else if (value instanceof CharSequence || value instanceof Enum<?>) {
                node.put("S", value.toString());
            } else if (value instanceof Number number) {
                node.put("N", new BigDecimal(number.toString()).toPlainString());
            } else if (value instanceof Boolean bool) {
                node.put("BOOL", bool);
            } else if (value instanceof byte[] bytes) {
                node.put("B", Base64.getEncoder().encodeToString(bytes));
            } else if (value instanceof Map<?, ?> map) {
                ObjectNode m = node.putObject("M");
                map.forEach((k, v) -> m.set(String.valueOf(k), attributeValue(v)));
            } else if (value instanceof Set<?> set && !set.isEmpty()) {
                Object first = set.iterator().next();
                String kind = first instanceof Number ? "NS" : first instanceof byte[] ? "BS" : "SS";
                ArrayNode values = node.putArray(kind);
                for (Object element : set) {
                    values.add(element instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                            : element instanceof Number n ? new BigDecimal(n.toString()).toPlainString() : String.valueOf(element));
                }
            } else if (value instanceof Collection<?> list) {
                ArrayNode l = node.putArray("L");
                for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
                    l.add(attributeValue(it.next()));
                }
            } else {
                throw new IllegalArgumentException("Cannot store a " + value.getClass().getName() + " in a DynamoDB item;"
                        + " use a String, Number, Boolean, null, byte[], Map, List or Set.");
            }
            return node;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Builds an SNS notification batch ({@link SNSEvent}) with the envelope SNS sends to a Lambda subscription. */
    public static final class SnsBuilder extends SNSEvent {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.sns()";

        private transient String topicArn = "arn:aws:sns:" + Ids.DEFAULT_REGION + ":" + Ids.DEFAULT_ACCOUNT + ":test-topic";

        private SnsBuilder() {
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            t.putArray("Records");
            adopt(this, t, SNSEvent.class, BUILDER);
        }

        /** The topic of the messages added from now on (default {@code test-topic}). */
        public SnsBuilder topic(String name) {
            this.topicArn = "arn:aws:sns:" + Ids.DEFAULT_REGION + ":" + Ids.DEFAULT_ACCOUNT + ":" + checkName("Topic name", name);
            return this;
        }

        /** Adds a message without a subject; a message that is not text is written as JSON. */
        public SnsBuilder message(Object message) {
            return message(null, message);
        }

        /** Adds a message with a subject. */
        public SnsBuilder message(String subject, Object message) {
            String region = topicArn.split(":")[3];
            ObjectNode t = tree(this, SNSEvent.class);
            ObjectNode r = RuntimeJson.TREE.createObjectNode();
            r.put("EventSource", "aws:sns");
            r.put("EventVersion", "1.0");
            r.put("EventSubscriptionArn", topicArn + ":" + Ids.uuid());
            ObjectNode sns = r.putObject("Sns");
            sns.put("Type", "Notification");
            sns.put("MessageId", Ids.uuid());
            sns.put("TopicArn", topicArn);
            if (subject != null) {
                sns.put("Subject", subject);
            }
            sns.put("Message", bodyText(message));
            sns.put("Timestamp", now().toString());
            sns.put("SignatureVersion", "1");
            sns.put("Signature", Ids.base64(256));
            sns.put("SigningCertUrl", "https://sns." + region + ".amazonaws.com/SimpleNotificationService-" + Ids.hex(32) + ".pem");
            sns.put("UnsubscribeUrl", "https://sns." + region + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                    + r.get("EventSubscriptionArn").asText());
            sns.putObject("MessageAttributes");
            records(t, "Records").add(r);
            adopt(this, t, SNSEvent.class, BUILDER);
            return this;
        }

        /** Adds a {@code String} message attribute to the last message. */
        public SnsBuilder messageAttribute(String name, String value) {
            ObjectNode t = tree(this, SNSEvent.class);
            ObjectNode attribute = child((ObjectNode) last(records(t, "Records"), "message").get("Sns"), "MessageAttributes")
                    .putObject(Objects.requireNonNull(name, "name"));
            attribute.put("Type", "String");
            attribute.put("Value", value);
            adopt(this, t, SNSEvent.class, BUILDER);
            return this;
        }

        /** A plain copy of the batch, as the runtime would deliver it. */
        public SNSEvent build() {
            return RuntimeJson.roundTrip(this, SNSEvent.class);
        }

        /** The batch as the JSON Lambda receives. */
        public String json() {
            return RuntimeJson.toJson(this, SNSEvent.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Builds an EventBridge scheduled event ({@link ScheduledEvent}). */
    public static final class ScheduledBuilder extends ScheduledEvent {

        private static final long serialVersionUID = 1L;
        private static final String BUILDER = "Events.scheduled()";

        private ScheduledBuilder() {
            ObjectNode t = RuntimeJson.TREE.createObjectNode();
            t.put("version", "0");
            t.put("id", Ids.uuid());
            t.put("detail-type", "Scheduled Event");
            t.put("source", "aws.events");
            t.put("account", Ids.DEFAULT_ACCOUNT);
            t.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            t.put("region", Ids.DEFAULT_REGION);
            t.putArray("resources").add(ruleArn(Ids.DEFAULT_REGION, "test-schedule"));
            t.putObject("detail");
            adopt(this, t, ScheduledEvent.class, BUILDER);
        }

        private static String ruleArn(String region, String rule) {
            return "arn:aws:events:" + region + ":" + Ids.DEFAULT_ACCOUNT + ":rule/" + rule;
        }

        /** The rule that fired (default {@code test-schedule}). */
        public ScheduledBuilder rule(String name) {
            ObjectNode t = tree(this, ScheduledEvent.class);
            t.putArray("resources").add(ruleArn(t.path("region").asText(), checkName("Rule name", name)));
            adopt(this, t, ScheduledEvent.class, BUILDER);
            return this;
        }

        /** When it fired (EventBridge reports whole seconds). */
        public ScheduledBuilder at(Instant time) {
            ObjectNode t = tree(this, ScheduledEvent.class);
            t.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
            adopt(this, t, ScheduledEvent.class, BUILDER);
            return this;
        }

        /** The region, also in the rule ARN. */
        public ScheduledBuilder region(String region) {
            ObjectNode t = tree(this, ScheduledEvent.class);
            String rule = t.path("resources").path(0).asText().replaceAll(".*:rule/", "");
            t.put("region", Objects.requireNonNull(region, "region"));
            t.putArray("resources").add(ruleArn(region, rule));
            adopt(this, t, ScheduledEvent.class, BUILDER);
            return this;
        }

        /** A detail entry (a schedule's detail is empty unless the target sets a constant input). */
        public ScheduledBuilder detail(String name, Object value) {
            ObjectNode t = tree(this, ScheduledEvent.class);
            child(t, "detail").set(name, RuntimeJson.tree(Events.toJson(value)));
            adopt(this, t, ScheduledEvent.class, BUILDER);
            return this;
        }

        /** A plain copy of the event, as the runtime would deliver it. */
        public ScheduledEvent build() {
            return RuntimeJson.roundTrip(this, ScheduledEvent.class);
        }

        /** The event as the JSON Lambda receives. */
        public String json() {
            return RuntimeJson.toJson(this, ScheduledEvent.class);
        }
    }
}
