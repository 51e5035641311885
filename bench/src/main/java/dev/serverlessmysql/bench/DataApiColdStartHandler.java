package dev.serverlessmysql.bench;

import dev.serverlessmysql.dataapi.DataApiClient;

/**
 * Child-JVM entry point for the Data API cold start: the smallest handler that runs one query over the Data API,
 * configured by {@code DATA_API_*} variables (the local Data API's endpoint) and dummy AWS keys in the environment.
 * It prints the result and exits; the parent times it from process start to that line.
 */
public final class DataApiColdStartHandler {

    static final String RESULT = "DATA_API_COLD_START_RESULT ";

    private DataApiColdStartHandler() {
    }

    /** Runs one {@code SELECT 1} through {@code DataApiClient.fromEnvironment()}. */
    public static void main(String[] args) {
        int value = DataApiClient.fromEnvironment().query("SELECT 1", rs -> rs.getInt(1)).get(0);
        System.out.println(RESULT + value);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
