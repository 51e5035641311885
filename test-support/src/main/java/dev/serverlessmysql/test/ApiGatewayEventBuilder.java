package dev.serverlessmysql.test;

import static dev.serverlessmysql.test.EventTrees.adopt;
import static dev.serverlessmysql.test.EventTrees.bodyText;
import static dev.serverlessmysql.test.EventTrees.checkName;
import static dev.serverlessmysql.test.EventTrees.child;
import static dev.serverlessmysql.test.EventTrees.clientIp;
import static dev.serverlessmysql.test.EventTrees.now;
import static dev.serverlessmysql.test.EventTrees.tree;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ArrayNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.net.URLDecoder;
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
 * Builds an API Gateway REST API proxy request ({@link APIGatewayProxyRequestEvent}) with the request context,
 * headers and multi-value maps API Gateway fills in. Without {@link #resource(String)} the request goes through
 * a greedy {@code /{proxy+}} resource, as most Lambda proxy APIs are set up.
 */
public final class ApiGatewayEventBuilder extends APIGatewayProxyRequestEvent {

    private static final long serialVersionUID = 1L;
    private static final String BUILDER = "Events.apiGateway()";
    private static final DateTimeFormatter API_GATEWAY_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private transient String resourceTemplate;

    ApiGatewayEventBuilder() {
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
    public ApiGatewayEventBuilder get(String pathAndQuery) {
        return request("GET", pathAndQuery, null);
    }

    /** A POST of {@code body}: text as is, a {@code byte[]} base64-encoded, anything else written as JSON. */
    public ApiGatewayEventBuilder post(String pathAndQuery, Object body) {
        return request("POST", pathAndQuery, body);
    }

    /** A PUT of {@code body}, encoded as for {@link #post(String, Object)}. */
    public ApiGatewayEventBuilder put(String pathAndQuery, Object body) {
        return request("PUT", pathAndQuery, body);
    }

    /** A PATCH of {@code body}, encoded as for {@link #post(String, Object)}. */
    public ApiGatewayEventBuilder patch(String pathAndQuery, Object body) {
        return request("PATCH", pathAndQuery, body);
    }

    /** A DELETE of {@code pathAndQuery}. */
    public ApiGatewayEventBuilder delete(String pathAndQuery) {
        return request("DELETE", pathAndQuery, null);
    }

    /** A request with any method; {@code body} may be null. */
    public ApiGatewayEventBuilder request(String method, String pathAndQuery, Object body) {
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
    public ApiGatewayEventBuilder header(String name, String value) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        putHeader(t, name, value);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** Adds a query string parameter; a repeated name keeps every value in the multi-value map, the last in the other. */
    public ApiGatewayEventBuilder queryParameter(String name, String value) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        addQuery(t, name, value);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** Sets a path parameter. */
    public ApiGatewayEventBuilder pathParameter(String name, String value) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        child(t, "pathParameters").put(name, value);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /**
     * The API resource the request matched, such as {@code /orders/{id}}; path parameters are taken from the path.
     */
    public ApiGatewayEventBuilder resource(String template) {
        this.resourceTemplate = Objects.requireNonNull(template, "template");
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        routeTo(t);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** Replaces the body, encoded as for {@link #post(String, Object)}. */
    public ApiGatewayEventBuilder body(Object body) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        setBody(t, body);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** The stage name (default {@code prod}). */
    public ApiGatewayEventBuilder stage(String stage) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        ObjectNode context = (ObjectNode) t.get("requestContext");
        context.put("stage", checkName("Stage", stage));
        context.put("path", "/" + stage + t.path("path").asText());
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** Sets a stage variable. */
    public ApiGatewayEventBuilder stageVariable(String name, String value) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        child(t, "stageVariables").put(name, value);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** The client address, in the request context and {@code X-Forwarded-For}. */
    public ApiGatewayEventBuilder sourceIp(String ip) {
        ObjectNode t = tree(this, APIGatewayProxyRequestEvent.class);
        ((ObjectNode) t.get("requestContext").get("identity")).put("sourceIp", ip);
        putHeader(t, "X-Forwarded-For", ip);
        adopt(this, t, APIGatewayProxyRequestEvent.class, BUILDER);
        return this;
    }

    /** Adds a claim as a Cognito user pool authorizer passes it ({@code requestContext.authorizer.claims}). */
    public ApiGatewayEventBuilder claim(String name, String value) {
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
