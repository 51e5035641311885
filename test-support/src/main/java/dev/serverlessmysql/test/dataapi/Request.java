package dev.serverlessmysql.test.dataapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;

/**
 * The JSON body of one request, read with the service model's types and length constraints: a field of the wrong
 * type or length is a {@code BadRequestException} that names it, as the service answers it.
 */
final class Request {

    private final JsonObject body;

    private Request(JsonObject body) {
        this.body = body;
    }

    static Request parse(byte[] bytes) {
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw ApiError.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw ApiError.badRequest("The request body must be a JSON object");
        }
        return new Request(root.getAsJsonObject());
    }

    static Request of(JsonObject body) {
        return new Request(body);
    }

    /** A string member that must be present, with a length in {@code [min, max]}. */
    String requiredString(String name, int min, int max) {
        String value = optionalString(name, max);
        if (value == null) {
            throw ApiError.badRequest("1 validation error detected: Value null at '" + name
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (value.length() < min) {
            throw ApiError.badRequest("1 validation error detected: Value at '" + name + "' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to " + min);
        }
        return value;
    }

    /** A string member, or null when absent; longer than {@code max} is an error. */
    String optionalString(String name, int max) {
        JsonElement e = body.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ApiError.badRequest("'" + name + "' must be a string");
        }
        String value = e.getAsString();
        if (value.length() > max) {
            throw ApiError.badRequest("1 validation error detected: Value at '" + name + "' failed to satisfy"
                    + " constraint: Member must have length less than or equal to " + max);
        }
        return value;
    }

    boolean flag(String name) {
        JsonElement e = body.get(name);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw ApiError.badRequest("'" + name + "' must be a boolean");
        }
        return e.getAsBoolean();
    }

    /** An object member, or null. */
    Request object(String name) {
        JsonElement e = body.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonObject()) {
            throw ApiError.badRequest("'" + name + "' must be an object");
        }
        return new Request(e.getAsJsonObject());
    }

    /** An array member, or null. */
    JsonArray array(String name) {
        JsonElement e = body.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonArray()) {
            throw ApiError.badRequest("'" + name + "' must be a list");
        }
        return e.getAsJsonArray();
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    String enumValue(String name, String fallback, String... allowed) {
        String value = optionalString(name, 64);
        if (value == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw ApiError.badRequest("1 validation error detected: Value '" + value + "' at '" + name + "' failed to"
                + " satisfy constraint: Member must satisfy enum value set: " + String.join(", ", allowed));
    }

    JsonObject json() {
        return body;
    }

    static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }
}
