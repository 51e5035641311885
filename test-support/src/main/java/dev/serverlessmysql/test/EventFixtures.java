package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonLocation;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonProcessingException;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Binds Lambda event fixtures as the runtime would and refuses fields it would drop; the machinery behind
 * {@link LambdaEvent} and {@link Events#load}, with {@link FixtureFiles} finding them and {@link FixtureOverrides}
 * editing them.
 */
final class EventFixtures {

    private EventFixtures() {
    }

    /** The edits a {@link LambdaEvent} asks for. */
    record Overrides(String body, List<String> headers, List<String> pathParameters, List<String> queryStringParameters,
                     List<String> set) {

        static final Overrides NONE = new Overrides(null, List.of(), List.of(), List.of(), List.of());

        static Overrides of(LambdaEvent event) {
            return new Overrides(LambdaEvent.UNSET.equals(event.body()) ? null : event.body(), List.of(event.headers()),
                    List.of(event.pathParameters()), List.of(event.queryStringParameters()), List.of(event.set()));
        }

        boolean isEmpty() {
            return body == null && headers.isEmpty() && pathParameters.isEmpty() && queryStringParameters.isEmpty()
                    && set.isEmpty();
        }
    }

    /** Where to look for fixtures. */
    record Lookup(List<ClassLoader> loaders, Class<?> anchor) {

        static Lookup of(Class<?> anchor) {
            Set<ClassLoader> loaders = new LinkedHashSet<>();
            if (anchor != null && anchor.getClassLoader() != null) {
                loaders.add(anchor.getClassLoader());
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                loaders.add(context);
            }
            loaders.add(EventFixtures.class.getClassLoader());
            return new Lookup(List.copyOf(loaders), anchor);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // loading

    static Object load(String location, Type type, Overrides overrides, boolean strict, Lookup lookup) {
        String typeName = typeName(type);
        FixtureFiles.Found found = FixtureFiles.find(location, typeName, lookup);
        return bind(location, found.read(), type, overrides, strict);
    }

    /** Every {@code .json} fixture directly in {@code folder}, by file name, sorted. */
    static Map<String, Object> loadFolder(String folder, Type elementType, Overrides overrides, boolean strict,
                                          Lookup lookup) {
        String typeName = typeName(elementType);
        Map<String, FixtureFiles.Found> files = FixtureFiles.list(folder, typeName, lookup);
        Map<String, Object> events = new TreeMap<>();
        files.forEach((name, found) -> events.put(name, bind(found.location(), found.read(), elementType, overrides, strict)));
        return events;
    }

    static Object bind(String location, String text, Type type, Overrides overrides, boolean strict) {
        String typeName = typeName(type);
        JsonNode tree;
        try {
            tree = RuntimeJson.TREE.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new EventFixtureException(location, typeName, null, "Lambda event fixture '" + location + "' for " + typeName
                    + " is not valid JSON" + (at != null ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "")
                    + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new EventFixtureException(location, typeName, null,
                    "Lambda event fixture '" + location + "' for " + typeName + " is empty.", null);
        }
        List<String> overridden = FixtureOverrides.apply(location, typeName, tree, overrides);
        String json = overrides.isEmpty() ? text : RuntimeJson.write(tree);

        Class<?> raw = rawClass(type);
        if (raw == String.class && !(tree.isTextual())) {
            return json;
        }
        if (raw == byte[].class) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        if (raw == InputStream.class) {
            return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        }

        Object event;
        try {
            event = RuntimeJson.fromJson(json, type);
        } catch (RuntimeException e) {
            String field = RuntimeJson.failedField(e);
            Optional<EventKinds.Kind> kind = EventKinds.of(tree, typeName);
            if (field == null && kind.isPresent()) {
                field = kind.get().path();
            }
            throw new EventFixtureException(location, typeName, field, "Lambda event fixture '" + location
                    + "' does not fit " + typeName + (field != null ? " at field '" + field + "'" : "") + ": "
                    + RuntimeJson.failureMessage(e) + ". The Lambda runtime would reject this event the same way."
                    + kind.map(k -> " " + k.hint()).orElse(""), e);
        }
        if (strict || !overridden.isEmpty()) {
            checkNothingDropped(location, typeName, tree, readBack(location, typeName, event, type, strict), overridden, strict);
        }
        return event;
    }

    /**
     * The bound event written back to JSON, to see which fields survived. The runtime's serializer goes through getters,
     * and a few models' getters throw on what the runtime itself bound (IamPolicyResponse.getPolicyDocument() on a
     * policy without statements); then the fields themselves are read.
     */
    private static JsonNode readBack(String location, String typeName, Object event, Type type, boolean strict) {
        try {
            return RuntimeJson.tree(RuntimeJson.toJson(event, type));
        } catch (RuntimeException viaGetters) {
            try {
                return RuntimeJson.FIELDS.valueToTree(event);
            } catch (RuntimeException viaFields) {
                throw new EventFixtureException(location, typeName, null, "Lambda event fixture '" + location + "' binds to "
                        + typeName + " as the runtime does, but it cannot be read back to check for fields the runtime would"
                        + " drop: " + RuntimeJson.failureMessage(viaGetters) + ". " + (strict ? "Use @LambdaEvent(strict = false)"
                        + " to take the event as the runtime delivers it." : "Leave out the overrides, which cannot be checked here."),
                        viaGetters);
            }
        }
    }

    private static void checkNothingDropped(String location, String typeName, JsonNode in, JsonNode out,
                                            List<String> overridden, boolean strict) {
        List<String> dropped = new ArrayList<>();
        dropped(in, out, "", dropped);
        if (dropped.isEmpty()) {
            return;
        }
        if (strict && in.isObject()) {
            List<String> meaningful = new ArrayList<>();
            in.fields().forEachRemaining(e -> {
                if (!isBlank(e.getValue())) {
                    meaningful.add(e.getKey());
                }
            });
            if (!meaningful.isEmpty() && dropped.containsAll(meaningful)) {
                throw new EventFixtureException(location, typeName, meaningful.get(0), "Lambda event fixture '" + location
                        + "' does not fit " + typeName + ": none of its top-level fields " + meaningful + " is a field of "
                        + typeName + ", so the runtime would deliver an empty event. Is it a fixture for another event type?"
                        + EventKinds.of(in, typeName).map(kind -> " " + kind.hint()).orElse("")
                        + " (With @LambdaEvent(strict = false) you get the empty event.)", null);
            }
        }
        for (String path : overridden) {
            for (String gone : dropped) {
                if (path.equals(gone) || path.startsWith(gone + ".") || path.startsWith(gone + "[") || gone.startsWith(path + ".")
                        || gone.startsWith(path + "[")) {
                    throw new EventFixtureException(location, typeName, gone, "Override of '" + path + "' on Lambda event fixture '"
                            + location + "' names no field of " + typeName + " ('" + gone + "' would be dropped by the runtime)."
                            + hintFor(in, gone), null);
                }
            }
        }
        if (strict) {
            throw new EventFixtureException(location, typeName, dropped.get(0), "Lambda event fixture '" + location
                    + "' has field" + (dropped.size() > 1 ? "s " : " ") + dropped.stream().map(p -> "'" + p + "'")
                    .collect(Collectors.joining(", ")) + " that " + typeName + " does not have; the Lambda runtime would"
                    + " silently drop " + (dropped.size() > 1 ? "them" : "it") + ". Fix the name, or use @LambdaEvent(strict = false)"
                    + " for a captured event that carries fields the Java event model lacks.", null);
        }
    }

    private static String hintFor(JsonNode in, String gone) {
        if (gone.equals("body") && in.path("Records").isArray()) {
            JsonNode first = in.path("Records").path(0);
            if (first.has("body")) {
                return " To change a record's body, use set = \"Records[0].body=...\" (or Records[*].body for every record).";
            }
            if (first.has("Sns")) {
                return " To change an SNS message, use set = \"Records[0].Sns.Message=...\".";
            }
        }
        if (in.isObject()) {
            List<String> names = new ArrayList<>();
            in.fieldNames().forEachRemaining(names::add);
            return " The fixture's top-level fields are " + names + ".";
        }
        return "";
    }

    /** Paths of fields present (and not blank) in {@code in} that the round trip through the type lost. */
    private static void dropped(JsonNode in, JsonNode out, String path, List<String> dropped) {
        if (in.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isBlank(e.getValue())) {
                    continue;
                }
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode o = out == null || !out.isObject() ? null : out.get(e.getKey());
                if (o == null || o.isNull()) {
                    if (out != null && out.isObject()) {
                        dropped.add(child);
                    }
                } else {
                    dropped(e.getValue(), o, child, dropped);
                }
            }
        } else if (in.isArray() && out != null && out.isArray()) {
            for (int i = 0; i < in.size() && i < out.size(); i++) {
                dropped(in.get(i), out.get(i), path + "[" + i + "]", dropped);
            }
        }
    }

    private static boolean isBlank(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())
                || (node.isContainerNode() && node.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // types

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    static String typeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.getSimpleName();
        }
        return type == null ? "?" : type.getTypeName().replaceAll("[a-z0-9_]+\\.", "").replace('$', '.');
    }

    static boolean isFolder(String location) {
        return location.endsWith("/");
    }
}