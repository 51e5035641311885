package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonLocation;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonProcessingException;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.DeserializationFeature;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectReader;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds, edits and binds Lambda event fixtures; the machinery behind {@link LambdaEvent} and {@link Events#load}. */
final class EventFixtures {

    private static final ObjectReader STRICT_VALUE_READER =
            RuntimeJson.TREE.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    private record Found(String location, URL url, Path file) {

        String read() {
            try (InputStream in = open()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Lambda event fixture " + location + " from " + where(), e);
            }
        }

        private InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getInputStream();
        }

        String where() {
            return file != null ? file.toAbsolutePath().toString() : url.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // loading

    static Object load(String location, Type type, Overrides overrides, boolean strict, Lookup lookup) {
        String typeName = typeName(type);
        Found found = find(location, typeName, lookup);
        return bind(location, found.read(), type, overrides, strict);
    }

    /** Every {@code .json} fixture directly in {@code folder}, by file name, sorted. */
    static Map<String, Object> loadFolder(String folder, Type elementType, Overrides overrides, boolean strict,
                                          Lookup lookup) {
        String typeName = typeName(elementType);
        Map<String, Found> files = list(folder, typeName, lookup);
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
        List<String> overridden = applyOverrides(location, typeName, tree, overrides);
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
        JsonNode back;
        try {
            event = RuntimeJson.fromJson(json, type);
            back = RuntimeJson.tree(RuntimeJson.toJson(event, type));
        } catch (RuntimeException e) {
            String field = RuntimeJson.failedField(e);
            throw new EventFixtureException(location, typeName, field, "Lambda event fixture '" + location
                    + "' does not fit " + typeName + (field != null ? " at field '" + field + "'" : "") + ": "
                    + RuntimeJson.failureMessage(e) + ". The Lambda runtime would reject this event the same way.", e);
        }
        checkNothingDropped(location, typeName, tree, back, overridden, strict);
        return event;
    }

    private static void checkNothingDropped(String location, String typeName, JsonNode in, JsonNode out,
                                            List<String> overridden, boolean strict) {
        List<String> dropped = new ArrayList<>();
        dropped(in, out, "", dropped);
        if (dropped.isEmpty()) {
            return;
        }
        if (in.isObject()) {
            List<String> meaningful = new ArrayList<>();
            in.fields().forEachRemaining(e -> {
                if (!isBlank(e.getValue())) {
                    meaningful.add(e.getKey());
                }
            });
            if (!meaningful.isEmpty() && dropped.containsAll(meaningful)) {
                throw new EventFixtureException(location, typeName, meaningful.get(0), "Lambda event fixture '" + location
                        + "' does not fit " + typeName + ": none of its top-level fields " + meaningful + " is a field of "
                        + typeName + ", so the runtime would deliver an empty event. Is it a fixture for another event type?",
                        null);
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
    // overrides

    /** Applies the overrides to {@code root} and returns the concrete paths they set. */
    static List<String> applyOverrides(String location, String typeName, JsonNode root, Overrides overrides) {
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
        for (String header : overrides.headers()) {
            String[] nv = split(location, typeName, "headers", header, header.contains(":") ? ':' : '=');
            object(obj, "headers").put(nv[0], nv[1]);
            paths.add("headers." + nv[0]);
            if (obj.path("multiValueHeaders").isObject()) {
                ((ObjectNode) obj.get("multiValueHeaders")).putArray(nv[0]).add(nv[1]);
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
                List<String> pairs = new ArrayList<>();
                obj.get("queryStringParameters").fields().forEachRemaining(e -> pairs.add(
                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8)));
                obj.put("rawQueryString", String.join("&", pairs));
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

    // ---------------------------------------------------------------------------------------------------------------
    // finding

    private static Found find(String location, String typeName, Lookup lookup) {
        if (location == null || location.isBlank()) {
            throw new EventFixtureException(String.valueOf(location), typeName, null,
                    "No Lambda event fixture named for " + typeName + ": give a class path resource such as events/order.json.", null);
        }
        String name = location.startsWith("/") ? location.substring(1) : location;
        List<String> tried = new ArrayList<>();
        for (ClassLoader loader : lookup.loaders()) {
            URL url = loader.getResource(name);
            if (url != null) {
                return new Found(location, url, null);
            }
        }
        tried.add("class path resource '" + name + "'");
        if (lookup.anchor() != null && !location.startsWith("/")) {
            URL url = lookup.anchor().getResource(location);
            if (url != null) {
                return new Found(location, url, null);
            }
            tried.add("'" + lookup.anchor().getPackageName().replace('.', '/') + "/" + location + "' next to "
                    + lookup.anchor().getSimpleName());
        }
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return new Found(location, null, file);
        }
        tried.add("file '" + file.toAbsolutePath().normalize() + "'");
        throw new EventFixtureException(location, typeName, null, "Lambda event fixture '" + location + "' for " + typeName
                + " was not found. Looked for " + String.join(", ", tried) + ". Put it under src/test/resources/" + name + ".", null);
    }

    private static Map<String, Found> list(String folder, String typeName, Lookup lookup) {
        String name = folder.startsWith("/") ? folder.substring(1) : folder;
        String dir = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        Map<String, Found> files = new TreeMap<>();
        Set<URL> roots = new LinkedHashSet<>();
        try {
            for (ClassLoader loader : lookup.loaders()) {
                for (Enumeration<URL> e = loader.getResources(dir); e.hasMoreElements(); ) {
                    roots.add(e.nextElement());
                }
            }
            for (URL root : roots) {
                if ("file".equals(root.getProtocol())) {
                    listDirectory(Path.of(root.toURI()), dir, files);
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    String prefix = dir + "/";
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                            String entry = entries.nextElement().getName();
                            if (entry.startsWith(prefix) && entry.endsWith(".json") && entry.indexOf('/', prefix.length()) < 0) {
                                String file = entry.substring(prefix.length());
                                URL url = new URL("jar:" + connection.getJarFileURL() + "!/" + entry);
                                files.putIfAbsent(file, new Found(dir + "/" + file, url, null));
                            }
                        }
                    }
                }
            }
            if (roots.isEmpty()) {
                Path path = Path.of(folder);
                if (Files.isDirectory(path)) {
                    listDirectory(path, dir, files);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new EventFixtureException(folder, typeName, null, "Cannot list Lambda event fixture folder '" + folder + "': " + e, e);
        }
        if (files.isEmpty()) {
            throw new EventFixtureException(folder, typeName, null, "Lambda event fixture folder '" + folder + "' for " + typeName
                    + (roots.isEmpty() ? " was not found on the class path or as a directory" : " has no .json files")
                    + ". Put the fixtures under src/test/resources/" + dir + "/.", null);
        }
        return files;
    }

    private static void listDirectory(Path directory, String dir, Map<String, Found> files) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            children.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .forEach(p -> files.putIfAbsent(p.getFileName().toString(),
                            new Found(dir + "/" + p.getFileName(), null, p)));
        }
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
