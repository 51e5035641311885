package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.DeserializationFeature;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectReader;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Applies the edits a {@link LambdaEvent} asks for to a fixture's JSON tree, before it is bound. */
final class FixtureOverrides {

    private static final ObjectReader STRICT_VALUE_READER =
            RuntimeJson.TREE.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FixtureOverrides() {
    }

    /** Applies the overrides to {@code root} and returns the concrete paths they set. */
    static List<String> apply(String location, String typeName, JsonNode root, EventFixtures.Overrides overrides) {
        List<String> paths = new ArrayList<>();
        if (overrides.isEmpty()) {
            return paths;
        }
        if (!root.isObject()) {
            throw new EventFixtureException(location, typeName, null, "Lambda event fixture '" + location
                    + "' is not a JSON object, so its fields cannot be overridden.", null);
        }
        ObjectNode obj = (ObjectNode) root;
        if (overrides.body() != null) {
            obj.put("body", overrides.body());
            paths.add("body");
        }
        boolean httpApi = isHttpApi(obj, typeName);
        for (String header : overrides.headers()) {
            String[] nv = split(location, typeName, "headers", header, header.contains(":") ? ':' : '=');
            // an HTTP API (payload 2.0) delivers header names in lower case; a REST API keeps them as sent
            String name = httpApi ? nv[0].toLowerCase(Locale.ROOT) : nv[0];
            ObjectNode headers = object(obj, "headers");
            if (httpApi) {
                removeIgnoringCase(headers, name);
            }
            headers.put(name, nv[1]);
            paths.add("headers." + name);
            if (obj.path("multiValueHeaders").isObject()) {
                ((ObjectNode) obj.get("multiValueHeaders")).putArray(name).add(nv[1]);
            }
        }
        for (String parameter : overrides.pathParameters()) {
            String[] nv = split(location, typeName, "pathParameters", parameter, '=');
            object(obj, "pathParameters").put(nv[0], nv[1]);
            paths.add("pathParameters." + nv[0]);
        }
        if (!overrides.queryStringParameters().isEmpty()) {
            for (String parameter : overrides.queryStringParameters()) {
                String[] nv = split(location, typeName, "queryStringParameters", parameter, '=');
                object(obj, "queryStringParameters").put(nv[0], nv[1]);
                paths.add("queryStringParameters." + nv[0]);
                if (obj.path("multiValueQueryStringParameters").isObject()) {
                    ((ObjectNode) obj.get("multiValueQueryStringParameters")).putArray(nv[0]).add(nv[1]);
                }
            }
            if (obj.path("rawQueryString").isTextual()) {
                obj.put("rawQueryString", rawQueryString(obj.get("rawQueryString").asText(), overrides.queryStringParameters(),
                        location, typeName));
            }
        }
        for (String assignment : overrides.set()) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new EventFixtureException(location, typeName, null, "Override set = \"" + assignment + "\" on Lambda event"
                        + " fixture '" + location + "' is not of the form path=value, for example Records[0].body=hello.", null);
            }
            String path = assignment.substring(0, eq).trim();
            List<Segment> segments = parsePath(location, typeName, path);
            setPath(location, typeName, path, root, segments, 0, "", assignment.substring(eq + 1), paths);
        }
        return paths;
    }

    private static boolean isHttpApi(ObjectNode event, String typeName) {
        return typeName.equals("APIGatewayV2HTTPEvent")
                || EventKinds.of(event).map(kind -> kind.type().equals("APIGatewayV2HTTPEvent")).orElse(false);
    }

    private static void removeIgnoringCase(ObjectNode object, String name) {
        List<String> same = new ArrayList<>();
        object.fieldNames().forEachRemaining(existing -> {
            if (existing.equalsIgnoreCase(name)) {
                same.add(existing);
            }
        });
        same.forEach(object::remove);
    }

    /**
     * The raw query string with each overridden name's pairs replaced by the new one; every other pair stays as the
     * client sent it, repeated names included ({@code a=1&a=2}, which {@code queryStringParameters} shows as {@code 1,2}).
     */
    private static String rawQueryString(String raw, List<String> overrides, String location, String typeName) {
        List<String> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                pairs.add(pair);
            }
        }
        for (String parameter : overrides) {
            String[] nv = split(location, typeName, "queryStringParameters", parameter, '=');
            pairs.removeIf(pair -> URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8).equals(nv[0]));
            pairs.add(URLEncoder.encode(nv[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(nv[1], StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(name);
    }

    private static String[] split(String location, String typeName, String attribute, String entry, char separator) {
        int at = entry.indexOf(separator);
        if (at <= 0) {
            throw new EventFixtureException(location, typeName, attribute, "Override " + attribute + " = \"" + entry
                    + "\" on Lambda event fixture '" + location + "' is not of the form "
                    + (attribute.equals("headers") ? "\"Name: value\"" : "\"name=value\"") + ".", null);
        }
        return new String[] {entry.substring(0, at).trim(), entry.substring(at + 1).trim()};
    }

    private sealed interface Segment permits Key, Index, Every {
    }

    private record Key(String name) implements Segment {
    }

    private record Index(int index) implements Segment {
    }

    private record Every() implements Segment {
    }

    private static List<Segment> parsePath(String location, String typeName, String path) {
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw badPath(location, typeName, path, "an unclosed '['");
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.equals("*")) {
                    segments.add(new Every());
                } else if ((inner.startsWith("'") && inner.endsWith("'") || inner.startsWith("\"") && inner.endsWith("\""))
                        && inner.length() >= 2) {
                    segments.add(new Key(inner.substring(1, inner.length() - 1)));
                } else {
                    try {
                        segments.add(new Index(Integer.parseInt(inner)));
                    } catch (NumberFormatException e) {
                        throw badPath(location, typeName, path, "'[" + inner + "]', which is neither an index, [*] nor ['key']");
                    }
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < n && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                segments.add(new Key(path.substring(i, end)));
                i = end;
            }
        }
        if (segments.isEmpty()) {
            throw badPath(location, typeName, path, "no field name");
        }
        return segments;
    }

    private static EventFixtureException badPath(String location, String typeName, String path, String problem) {
        return new EventFixtureException(location, typeName, path, "Override path '" + path + "' on Lambda event fixture '"
                + location + "' has " + problem + ". Write paths like requestContext.http.method, Records[0].body or"
                + " Records[*].body.", null);
    }

    private static void setPath(String location, String typeName, String path, JsonNode node, List<Segment> segments, int i,
                                String done, String raw, List<String> paths) {
        Segment segment = segments.get(i);
        boolean last = i == segments.size() - 1;
        if (segment instanceof Key key) {
            if (!(node instanceof ObjectNode obj)) {
                throw new EventFixtureException(location, typeName, done, "Override '" + path + "' on Lambda event fixture '"
                        + location + "' goes through '" + (done.isEmpty() ? "(the root)" : done) + "', which is not a JSON object.",
                        null);
            }
            String here = done.isEmpty() ? key.name() : done + "." + key.name();
            if (last) {
                obj.set(key.name(), valueFor(obj.get(key.name()), raw));
                paths.add(here);
                return;
            }
            JsonNode child = obj.get(key.name());
            if (child == null || child.isNull()) {
                Segment next = segments.get(i + 1);
                if (!(next instanceof Key)) {
                    throw new EventFixtureException(location, typeName, here, "Override '" + path + "' on Lambda event fixture '"
                            + location + "' indexes '" + here + "', which the fixture does not have.", null);
                }
                child = obj.putObject(key.name());
            }
            setPath(location, typeName, path, child, segments, i + 1, here, raw, paths);
        } else {
            if (!(node instanceof ArrayNode array)) {
                throw new EventFixtureException(location, typeName, done, "Override '" + path + "' on Lambda event fixture '"
                        + location + "' indexes '" + done + "', which is not a JSON array.", null);
            }
            List<Integer> indexes = new ArrayList<>();
            if (segment instanceof Index index) {
                if (index.index() < 0 || index.index() >= array.size()) {
                    throw new EventFixtureException(location, typeName, done + "[" + index.index() + "]", "Override '" + path
                            + "' on Lambda event fixture '" + location + "' uses index " + index.index() + ", but '" + done
                            + "' has " + array.size() + " element" + (array.size() == 1 ? "" : "s") + ".", null);
                }
                indexes.add(index.index());
            } else {
                for (int k = 0; k < array.size(); k++) {
                    indexes.add(k);
                }
            }
            for (int k : indexes) {
                String here = done + "[" + k + "]";
                if (last) {
                    array.set(k, valueFor(array.get(k), raw));
                    paths.add(here);
                } else {
                    setPath(location, typeName, path, array.get(k), segments, i + 1, here, raw, paths);
                }
            }
        }
    }

    private static JsonNode valueFor(JsonNode existing, String raw) {
        if (existing != null && existing.isTextual()) {
            return TextNode.valueOf(raw);
        }
        String trimmed = raw.trim();
        if (!trimmed.isEmpty()) {
            try {
                JsonNode parsed = STRICT_VALUE_READER.readTree(trimmed);
                if (parsed != null && !parsed.isMissingNode()) {
                    return parsed;
                }
            } catch (IOException notJson) {
                // plain text
            }
        }
        return JsonNodeFactory.instance.textNode(raw);
    }
}
