package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type loads, survives the runtime's JSON both ways unchanged, and loads from inside a jar too. */
class EventRoundTripTest {

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("events/get-order.json", APIGatewayProxyRequestEvent.class),
                Arguments.of("events/http-api-get-order.json", APIGatewayV2HTTPEvent.class),
                Arguments.of("events/order-batch.json", SQSEvent.class),
                Arguments.of("events/alert.json", SNSEvent.class),
                Arguments.of("events/object-created.json", S3Event.class),
                Arguments.of("events/order-stream.json", DynamodbEvent.class),
                Arguments.of("events/nightly.json", ScheduledEvent.class),
                Arguments.of("events/order-stream-kinesis.json", KinesisEvent.class),
                Arguments.of("events/alb-request.json", ApplicationLoadBalancerRequestEvent.class));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("fixtures")
    void roundTripsThroughTheRuntimeSerializer(String fixture, Class<?> type) throws IOException {
        Object first = Events.load(fixture, type);
        String json = Events.toJson(first);
        Object second = Events.fromJson(json, type);
        assertNotSame(first, second);
        if (type != S3Event.class) { // S3's record classes do not define equals
            assertEquals(first, second, "the event survives write and read");
        }
        assertEquals(json, Events.toJson(second), "writing is stable");

        // every value of the fixture comes back out (same field, same text), dates and numbers aside
        String original;
        try (var in = getClass().getClassLoader().getResourceAsStream(fixture)) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertSameStrings(RuntimeJson.tree(original), RuntimeJson.tree(json), "");
    }

    private static void assertSameStrings(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            expected.fields().forEachRemaining(e -> {
                JsonNode value = e.getValue();
                if (value.isNull() || (value.isContainerNode() && value.isEmpty()) || (value.isTextual() && value.asText().isEmpty())) {
                    return;
                }
                assertSameStrings(value, actual.get(e.getKey()), path + "." + e.getKey());
            });
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path);
            for (int i = 0; i < expected.size(); i++) {
                assertSameStrings(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isTextual() && !looksLikeTime(expected.asText())) {
            assertEquals(expected.asText(), actual.asText(), path);
        }
    }

    private static boolean looksLikeTime(String text) {
        return text.matches("\\d{4}-\\d\\d-\\d\\dT.*");
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void loadsFixturesAndFixtureFoldersFromInsideAJar(@TempDir Path dir) throws Exception {
        byte[] batch = Files.readAllBytes(Path.of("src/test/resources/events/order-batch.json"));
        Path jar = dir.resolve("fixtures.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "jarred/", null);
            entry(out, "jarred/single.json", batch);
            entry(out, "jarred/batches/", null);
            entry(out, "jarred/batches/one.json", batch);
            entry(out, "jarred/batches/two.json", batch);
            entry(out, "jarred/batches/deeper/", null);
            entry(out, "jarred/batches/deeper/ignored.json", batch);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            SQSEvent single = Events.load("jarred/single.json", SQSEvent.class);
            assertEquals(2, single.getRecords().size());
            Map<String, SQSEvent> all = Events.loadAll("jarred/batches/", SQSEvent.class);
            assertEquals(java.util.List.of("one.json", "two.json"), java.util.List.copyOf(all.keySet()));
            assertEquals(single, all.get("two.json"));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            out.write(content);
        }
        out.closeEntry();
    }

    @Test
    void loadsFixturesFromTheFileSystemToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("order.json");
        Files.copy(Path.of("src/test/resources/events/order-batch.json"), file);
        assertEquals(2, Events.load(file.toString(), SQSEvent.class).getRecords().size());
    }
}
