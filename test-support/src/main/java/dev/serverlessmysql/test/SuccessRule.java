package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Whether a response that a handler returned counts as a success in a {@link LambdaSimulator} run. By default an
 * HTTP response with a 5xx status is a failure, as the caller behind API Gateway or an ALB sees it: an API Gateway
 * (REST or HTTP API) or ALB response event, a {@code Map} with a {@code statusCode}, or the JSON a stream handler
 * wrote with one. A test can replace the rule with its own predicate on the response.
 */
final class SuccessRule {

    /** The default rule: no 5xx status. */
    static final Predicate<Object> NO_SERVER_ERROR = response -> statusCode(response) < 500;

    private static final int SHOWN = 300;

    private SuccessRule() {
    }

    /** Null when {@code rule} accepts the result's response, else the error type the report gives the failure. */
    static String rejection(Predicate<Object> rule, InvocationResult<Object> result) {
        Object response = result.response();
        if (rule == NO_SERVER_ERROR) {
            int status = statusCode(response);
            return status >= 500 ? "HTTP " + status : null;
        }
        return rule.test(response) ? null : "Response.Rejected";
    }

    /** The HTTP status of an API Gateway or ALB style response, or -1 when it is not one. */
    static int statusCode(Object response) {
        if (response instanceof APIGatewayProxyResponseEvent r) {
            return r.getStatusCode() == null ? -1 : r.getStatusCode();
        }
        if (response instanceof APIGatewayV2HTTPResponse r) {
            return r.getStatusCode();
        }
        if (response instanceof ApplicationLoadBalancerResponseEvent r) {
            return r.getStatusCode();
        }
        if (response instanceof Map<?, ?> map && map.get("statusCode") instanceof Number n) {
            return n.intValue();
        }
        if (response instanceof String text && text.trim().startsWith("{") && text.contains("statusCode")) {
            try {
                JsonNode status = RuntimeJson.tree(text).get("statusCode");
                return status != null && status.isNumber() ? status.intValue() : -1;
            } catch (RuntimeException notJson) {
                return -1;
            }
        }
        return -1;
    }

    /** The response as the report shows it: its JSON, cut short. */
    static String shorten(String json) {
        if (json == null) {
            return "null";
        }
        return json.length() <= SHOWN ? json : json.substring(0, SHOWN) + "... (" + json.length() + " characters)";
    }
}
