package dev.serverlessmysql.dataapi;

import java.util.Objects;

/**
 * A JSON document as a statement parameter: sent as text with the Data API's {@code JSON} type hint, for example
 * {@code Map.of("doc", Json.of("{\"tags\": [\"a\"]}"))}. The client does not parse it; the database does.
 */
public final class Json {

    private final String text;

    private Json(String text) {
        this.text = text;
    }

    /** Wraps JSON text. */
    public static Json of(String text) {
        return new Json(Objects.requireNonNull(text, "text"));
    }

    /** The JSON text. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Json && ((Json) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The JSON text itself. */
    @Override
    public String toString() {
        return text;
    }
}
