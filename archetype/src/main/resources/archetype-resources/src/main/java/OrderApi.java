package ${package};

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orders API: routes an API Gateway request to the repository and turns the outcome, or bad input, into an HTTP
 * response. It holds the logic, so the handler stays a thin adapter.
 */
public final class OrderApi {

    // API clients read the JSON, not a browser: no HTML escaping of quotes and angle brackets
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

    private final OrderRepository orders;

    /** Creates the API over a repository. */
    public OrderApi(OrderRepository orders) {
        this.orders = orders;
    }

    /** Answers one request: POST /orders, GET /orders, GET /orders/{id}. */
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent request) {
        String method = request.getHttpMethod() == null ? "" : request.getHttpMethod();
        String path = request.getPath() == null ? "" : request.getPath().replaceAll("/+$", "");
        if (path.equals("/orders")) {
            return switch (method) {
                case "POST" -> create(request.getBody());
                case "GET" -> respond(200, orders.list());
                default -> error(405, "Use GET or POST on /orders.");
            };
        }
        if (path.startsWith("/orders/")) {
            if (!method.equals("GET")) {
                return error(405, "Use GET on /orders/{id}.");
            }
            return find(path.substring("/orders/".length()));
        }
        return error(404, "No such resource: " + path + ". Try /orders.");
    }

    private APIGatewayProxyResponseEvent create(String body) {
        JsonObject json;
        try {
            JsonElement parsed = body == null ? null : JsonParser.parseString(body);
            if (parsed == null || !parsed.isJsonObject()) {
                return error(400, "The body must be a JSON object such as {\"customer\":\"Ada\",\"item\":\"book\",\"quantity\":1}.");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return error(400, "The body is not valid JSON.");
        }
        List<String> problems = new ArrayList<>();
        String customer = text(json, "customer", problems);
        String item = text(json, "item", problems);
        int quantity = quantity(json, problems);
        if (!problems.isEmpty()) {
            return error(400, String.join(" ", problems));
        }
        return respond(201, orders.create(customer, item, quantity));
    }

    private APIGatewayProxyResponseEvent find(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return error(400, "The order id must be a number, not '" + idText + "'.");
        }
        return orders.find(id).map(order -> respond(200, order)).orElseGet(() -> error(404, "No order with id " + id + "."));
    }

    private static String text(JsonObject json, String field, List<String> problems) {
        JsonElement value = json.get(field);
        if (value == null || !value.isJsonPrimitive() || value.getAsString().isBlank()) {
            problems.add("'" + field + "' is required and must be a non-empty string.");
            return null;
        }
        String text = value.getAsString();
        if (text.length() > 100) {
            problems.add("'" + field + "' must be at most 100 characters.");
        }
        return text;
    }

    private static int quantity(JsonObject json, List<String> problems) {
        JsonElement value = json.get("quantity");
        try {
            int quantity = value == null ? 0 : value.getAsInt();
            if (quantity >= 1 && quantity <= 1000) {
                return quantity;
            }
        } catch (RuntimeException e) {
            // not a number: reported below like a number out of range
        }
        problems.add("'quantity' is required and must be a whole number from 1 to 1000.");
        return 0;
    }

    private static APIGatewayProxyResponseEvent respond(int status, Object body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(HEADERS).withBody(JSON.toJson(body));
    }

    static APIGatewayProxyResponseEvent error(int status, String message) {
        return respond(status, Map.of("error", message));
    }
}
