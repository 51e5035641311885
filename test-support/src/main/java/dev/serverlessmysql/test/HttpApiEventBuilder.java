package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.bodyText;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.child;
import static dev.serverlessmysql.test.EventTrees.clientIp;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an HTTP API request in payload format 2.0 ({@link APIGatewayV2HTTPEvent}) as API Gateway delivers it: header
 * names in lower case, cookies in their own list, repeated query parameters joined with commas beside the raw query
 * string, and the request context. Without {@link #route(String)} the request goes to the {@code $default} route.
 */
public final class HttpApiEventBuilder extends APIGatewayV2HTTPEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.httpApi()";
    private static final DateTimeFormatter HTTP_API_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private transient String routeTemplate;

    HttpApiEventBuilder() {
        String apiId = Ids.lowerAlnum(10);
        Instant now = now();
        String ip = clientIp();
        ObjectNode t = RuntimeJson.TREE.createObjectNode();
        t.put("version", "2.0");
        t.put("routeKey", "$default");
        t.put("rawPath", "/");
        t.put("rawQueryString", "");
        ObjectNode headers = t.putObject("headers");
        headers.put("accept", "*/*");
        headers.put("content-length", "0");
        headers.put("host", apiId + ".execute-api." + Ids.DEFAULT_REGION + ".amazonaws.com");
        headers.put("user-agent", "curl/8.5.0");
        headers.put("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + Ids.hex(24));
        headers.put("x-forwarded-for", ip);
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        ObjectNode context = t.putObject("requestContext");
        context.put("accountId", Ids.DEFAULT_ACCOUNT);
        context.put("apiId", apiId);
        context.put("domainName", apiId + ".execute-api." + Ids.DEFAULT_REGION + ".amazonaws.com");
        context.put("domainPrefix", apiId);
        ObjectNode http = context.putObject("http");
        http.put("method", "GET");
        http.put("path", "/");
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", ip);
        http.put("userAgent", "curl/8.5.0");
        context.put("requestId", Ids.base64(11));
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", HTTP_API_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        t.put("isBase64Encoded", false);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
    }

    /** A GET of {@code pathAndQuery}, such as {@code /orders/42?expand=items}. */
    public HttpApiEventBuilder get(String pathAndQuery) {
        return request("GET", pathAndQuery, null);
    }

    /** A POST of {@code body}: text as is, a {@code byte[]} base64-encoded, anything else written as JSON. */
    public HttpApiEventBuilder post(String pathAndQuery, Object body) {
        return request("POST", pathAndQuery, body);
    }

    /** A PUT of {@code body}, encoded as for {@link #post(String, Object)}. */
    public HttpApiEventBuilder put(String pathAndQuery, Object body) {
        return request("PUT", pathAndQuery, body);
    }

    /** A PATCH of {@code body}, encoded as for {@link #post(String, Object)}. */
    public HttpApiEventBuilder patch(String pathAndQuery, Object body) {
        return request("PATCH", pathAndQuery, body);
    }

    /** A DELETE of {@code pathAndQuery}. */
    public HttpApiEventBuilder delete(String pathAndQuery) {
        return request("DELETE", pathAndQuery, null);
    }

    /** A request with any method; {@code body} may be null. */
    public HttpApiEventBuilder request(String method, String pathAndQuery, Object body) {
        Objects.requireNonNull(method, "method");
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("The path must start with '/', for example /orders/42; got '" + pathAndQuery + "'.");
        }
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        String verb = method.toUpperCase(Locale.ROOT);
        int q = pathAndQuery.indexOf('?');
        String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        ObjectNode context = (ObjectNode) t.get("requestContext");
        ((ObjectNode) context.get("http")).put("method", verb);
        setPath(t, path);
        t.put("rawQueryString", "");
        t.remove("queryStringParameters");
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    addQuery(t, URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8),
                            eq >= 0 ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "");
                }
            }
        }
        routeTo(t);
        setBody(t, body);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Sets a header; the name is lower-cased, as HTTP APIs deliver names, and replaces any header of that name. */
    public HttpApiEventBuilder header(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        putHeader(t, name, value);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Adds a cookie; HTTP APIs deliver cookies in {@code cookies}, not as a header. */
    public HttpApiEventBuilder cookie(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        (t.get("cookies") instanceof ArrayNode a ? a : t.putArray("cookies")).add(Objects.requireNonNull(name, "name") + "=" + Objects.requireNonNull(value, "value"));
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Adds a query parameter; a repeated name appears twice in the raw query string and comma-joined in the map. */
    public HttpApiEventBuilder queryParameter(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        addQuery(t, name, value);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Sets a path parameter. */
    public HttpApiEventBuilder pathParameter(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        child(t, "pathParameters").put(name, value);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** The route the request matched, such as {@code /orders/{id}}; path parameters are taken from the path. */
    public HttpApiEventBuilder route(String template) {
        this.routeTemplate = Objects.requireNonNull(template, "template");
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        routeTo(t);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Replaces the body, encoded as for {@link #post(String, Object)}. */
    public HttpApiEventBuilder body(Object body) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        setBody(t, body);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** The stage name (default {@code $default}); a named stage prefixes the raw path. */
    public HttpApiEventBuilder stage(String stage) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        String path = pathWithoutStage(t);
        ((ObjectNode) t.get("requestContext")).put("stage", stage.equals("$default") ? stage : checkName("Stage", stage));
        setPath(t, path);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Sets a stage variable. */
    public HttpApiEventBuilder stageVariable(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        child(t, "stageVariables").put(name, value);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** The client address, in the request context and {@code x-forwarded-for}. */
    public HttpApiEventBuilder sourceIp(String ip) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        ((ObjectNode) t.get("requestContext").get("http")).put("sourceIp", ip);
        putHeader(t, "x-forwarded-for", ip);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** Adds a claim as a JWT authorizer passes it ({@code requestContext.authorizer.jwt.claims}). */
    public HttpApiEventBuilder jwtClaim(String name, String value) {
        ObjectNode t = tree(this, APIGatewayV2HTTPEvent.class);
        child(child(child((ObjectNode) t.get("requestContext"), "authorizer"), "jwt"), "claims").put(name, value);
        adopt(this, t, APIGatewayV2HTTPEvent.class, BUILDER);
        return this;
    }

    /** A plain copy of the request, as the runtime would deliver it. */
    public APIGatewayV2HTTPEvent build() {
        return RuntimeJson.roundTrip(this, APIGatewayV2HTTPEvent.class);
    }

    /** The request as the JSON API Gateway sends to Lambda. */
    public String json() {
        return RuntimeJson.toJson(this, APIGatewayV2HTTPEvent.class);
    }

    private static String pathWithoutStage(ObjectNode t) {
        String stage = t.path("requestContext").path("stage").asText("$default");
        String raw = t.path("rawPath").asText("/");
        String prefix = "/" + stage;
        return !stage.equals("$default") && (raw.equals(prefix) || raw.startsWith(prefix + "/"))
                ? (raw.length() == prefix.length() ? "/" : raw.substring(prefix.length())) : raw;
    }

    private static void setPath(ObjectNode t, String path) {
        String stage = t.path("requestContext").path("stage").asText("$default");
        String raw = stage.equals("$default") ? path : "/" + stage + path;
        t.put("rawPath", raw);
        ((ObjectNode) t.get("requestContext").get("http")).put("path", raw);
    }

    private void routeTo(ObjectNode t) {
        t.remove("pathParameters");
        String routeKey;
        if (routeTemplate == null) {
            routeKey = "$default";
        } else {
            String path = pathWithoutStage(t);
            Map<String, String> parameters = match(routeTemplate, path);
            if (parameters == null) {
                throw new IllegalArgumentException("Path '" + path + "' does not match route '" + routeTemplate + "'.");
            }
            if (!parameters.isEmpty()) {
                ObjectNode p = t.putObject("pathParameters");
                parameters.forEach(p::put);
            }
            routeKey = t.path("requestContext").path("http").path("method").asText("GET") + " " + routeTemplate;
        }
        t.put("routeKey", routeKey);
        ((ObjectNode) t.get("requestContext")).put("routeKey", routeKey);
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
        String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        child(t, "headers").put(lower, value);
    }

    private static void addQuery(ObjectNode t, String name, String value) {
        ObjectNode parameters = child(t, "queryStringParameters");
        String existing = parameters.path(name).isTextual() ? parameters.get(name).asText() : null;
        parameters.put(name, existing == null ? value : existing + "," + value);
        String raw = t.path("rawQueryString").asText("");
        String pair = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        t.put("rawQueryString", raw.isEmpty() ? pair : raw + "&" + pair);
    }

    private static void setBody(ObjectNode t, Object body) {
        if (body == null) {
            t.remove("body");
            t.put("isBase64Encoded", false);
            putHeader(t, "content-length", "0");
            return;
        }
        if (body instanceof byte[] bytes) {
            t.put("body", Base64.getEncoder().encodeToString(bytes));
            t.put("isBase64Encoded", true);
            if (!t.path("headers").has("content-type")) {
                putHeader(t, "content-type", "application/octet-stream");
            }
            putHeader(t, "content-length", Integer.toString(bytes.length));
            return;
        }
        String text = bodyText(body);
        t.put("body", text);
        t.put("isBase64Encoded", false);
        if (!t.path("headers").has("content-type")) {
            String s = text.strip();
            boolean json = !(body instanceof CharSequence) || s.startsWith("{") || s.startsWith("[");
            putHeader(t, "content-type", json ? "application/json" : "text/plain");
        }
        putHeader(t, "content-length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
    }
}
