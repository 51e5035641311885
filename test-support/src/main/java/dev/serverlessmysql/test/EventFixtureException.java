package dev.serverlessmysql.test;

/**
 * A Lambda event fixture could not be loaded: the file is missing, is not JSON, does not fit the requested event type,
 * or an override names a field the type does not have. The message names the file, the type and the bad field.
 */
public class EventFixtureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fixture;
    private final String eventType;
    private final String field;

    EventFixtureException(String fixture, String eventType, String field, String message, Throwable cause) {
        super(message, cause);
        this.fixture = fixture;
        this.eventType = eventType;
        this.field = field;
    }

    /** The fixture location as it was given, for example {@code events/get-order.json}. */
    public String fixture() {
        return fixture;
    }

    /** The simple name of the type the fixture was to be bound to, for example {@code APIGatewayProxyRequestEvent}. */
    public String eventType() {
        return eventType;
    }

    /** The offending field as a path such as {@code Records[0].body}, or null when the failure is about the whole file. */
    public String field() {
        return field;
    }
}
