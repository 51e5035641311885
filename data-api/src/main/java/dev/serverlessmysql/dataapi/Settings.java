package dev.serverlessmysql.dataapi;

import dev.serverlessmysql.Backoff;
import java.time.Duration;

/** A client's settings, checked by {@link DataApiClientBuilder#build()} and frozen. */
record Settings(String resourceArn, String secretArn, String database, Duration retryDeadline,
        Duration remainingTimeMargin, int maxRetries, int maxQueryRetries, Backoff backoff) {
}
