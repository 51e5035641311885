package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The machinery the event builders share: each step edits the event as a JSON tree and reads it back with the
 * runtime's serializer, so a builder can only ever hold what the runtime would deliver.
 */
final class EventTrees {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private EventTrees() {
    }

    static ObjectNode tree(Object self, Class<?> type) {
        return (ObjectNode) RuntimeJson.tree(RuntimeJson.toJson(self, type));
    }

    /** Reads {@code tree} back with the runtime serializer (refusing anything it would drop) and takes on its state. */
    static void adopt(Object self, ObjectNode tree, Class<?> type, String builder) {
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

    /** The tree of a batch event before anything is added: SQS, S3, DynamoDB and SNS all deliver a Records array. */
    static ObjectNode emptyBatch() {
        ObjectNode t = RuntimeJson.TREE.createObjectNode();
        t.putArray("Records");
        return t;
    }

    static String bodyText(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof CharSequence text) {
            return text.toString();
        }
        return Events.toJson(body);
    }

    /** Services stamp events in milliseconds; finer clocks would make events no real service sends. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not valid: use 1-256 letters, digits, '.', '-' or '_'.");
        }
        return name;
    }

    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode object ? object : parent.putObject(name);
    }

    static ArrayNode records(ObjectNode tree, String name) {
        JsonNode records = tree.get(name);
        return records instanceof ArrayNode array ? array : tree.putArray(name);
    }

    static ObjectNode last(ArrayNode records, String what) {
        if (records.isEmpty()) {
            throw new IllegalStateException("Add a " + what + " first; this setting applies to the last one added.");
        }
        return (ObjectNode) records.get(records.size() - 1);
    }

    /** A TEST-NET address, as a client address would look in an event. */
    static String clientIp() {
        return "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
    }
}
