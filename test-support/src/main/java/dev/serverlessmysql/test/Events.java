package dev.serverlessmysql.test;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Lambda events built in code, and fixtures loaded from JSON, both exactly as the Lambda Java runtime delivers them.
 *
 * <pre>{@code
 * APIGatewayProxyRequestEvent get = Events.apiGateway().get("/orders/42").header("Authorization", "Bearer t").build();
 * APIGatewayProxyRequestEvent post = Events.apiGateway().post("/orders", new Order(42)).build();
 * APIGatewayV2HTTPEvent http = Events.httpApi().get("/orders/42?expand=items").route("/orders/{id}").build();
 * SQSEvent batch = Events.sqs().queue("orders").message("{\"id\":1}").messages(10, i -> "{\"id\":" + i + "}").build();
 * S3Event upload = Events.s3().objectCreated("uploads", "photos/cat 1.jpg").build();
 * DynamodbEvent change = Events.dynamodb().table("orders").insert(Map.of("id", "42", "total", 9.5)).build();
 * SNSEvent note = Events.sns().topic("alerts").message("disk full").build();
 * ScheduledEvent tick = Events.scheduled().rule("nightly").build();
 * }</pre>
 *
 * <p>Every builder <em>is</em> an instance of its event class, always in a valid state, so it can also be used
 * directly ({@code SQSEvent e = Events.sqs().message("x")}); {@link SqsEventBuilder#build() build()} returns a plain copy.
 * Each step writes the event in Lambda's JSON shape (ids, ARNs, timestamps, the attributes the services set, SQS MD5
 * digests) and reads it back with the runtime's serializer, so what you build is what the runtime would deliver.
 * {@code json()} gives that JSON, handy for a {@code RequestStreamHandler} or for writing a fixture file.
 *
 * <p>Every method first checks the AWS Lambda libraries on the class path and fails with an
 * {@link IllegalStateException} naming the artifact to upgrade when a project's older version won Maven's mediation.
 */
public final class Events {

    private Events() {
    }

    /** A REST API (API Gateway v1) proxy request, {@code GET /} until you say otherwise. */
    public static ApiGatewayEventBuilder apiGateway() {
        LambdaLibraries.require();
        return new ApiGatewayEventBuilder();
    }

    /** An HTTP API (API Gateway v2, payload format 2.0) request, {@code GET /} on the {@code $default} route to begin with. */
    public static HttpApiEventBuilder httpApi() {
        LambdaLibraries.require();
        return new HttpApiEventBuilder();
    }

    /** An SQS batch, empty until you add messages. */
    public static SqsEventBuilder sqs() {
        LambdaLibraries.require();
        return new SqsEventBuilder();
    }

    /** An S3 notification, empty until you add records. */
    public static S3EventBuilder s3() {
        LambdaLibraries.require();
        return new S3EventBuilder();
    }

    /** A DynamoDB stream batch, empty until you add records. */
    public static DynamodbEventBuilder dynamodb() {
        LambdaLibraries.require();
        return new DynamodbEventBuilder();
    }

    /** An SNS notification batch, empty until you add messages. */
    public static SnsEventBuilder sns() {
        LambdaLibraries.require();
        return new SnsEventBuilder();
    }

    /** An EventBridge scheduled event for rule {@code test-schedule}, firing now. */
    public static ScheduledEventBuilder scheduled() {
        LambdaLibraries.require();
        return new ScheduledEventBuilder();
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
        LambdaLibraries.require();
        return type.cast(EventFixtures.load(location, type, EventFixtures.Overrides.NONE, true,
                EventFixtures.Lookup.of(null)));
    }

    /** Like {@link #load(String, Class)}, but with {@code strict} false, fields the model lacks are ignored. */
    public static <T> T load(String location, Class<T> type, boolean strict) {
        LambdaLibraries.require();
        return type.cast(EventFixtures.load(location, type, EventFixtures.Overrides.NONE, strict,
                EventFixtures.Lookup.of(null)));
    }

    /**
     * Loads every {@code .json} fixture directly inside {@code folder}, sorted by file name; the folder may sit in a
     * directory or inside a jar on the class path.
     */
    public static <T> Map<String, T> loadAll(String folder, Class<T> type) {
        LambdaLibraries.require();
        Map<String, Object> loaded = EventFixtures.loadFolder(folder, type, EventFixtures.Overrides.NONE, true,
                EventFixtures.Lookup.of(null));
        Map<String, T> typed = new TreeMap<>();
        loaded.forEach((name, event) -> typed.put(name, type.cast(event)));
        return typed;
    }

    /** Binds JSON to {@code type} exactly as the runtime would. */
    public static <T> T fromJson(String json, Class<T> type) {
        LambdaLibraries.require();
        return type.cast(EventFixtures.bind("(JSON text)", json, type, EventFixtures.Overrides.NONE, true));
    }

    /** Writes an event (or any object) to JSON exactly as the runtime would. */
    public static String toJson(Object event) {
        LambdaLibraries.require();
        Objects.requireNonNull(event, "event");
        return RuntimeJson.toJson(event, RuntimeJson.bindingClassOf(event.getClass()));
    }
}
