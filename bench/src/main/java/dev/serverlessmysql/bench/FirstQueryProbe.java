package dev.serverlessmysql.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/** Child-JVM entry point: runs one query through {@code @MySqlTest} and prints the time since the JVM started. */
public final class FirstQueryProbe {

    private FirstQueryProbe() {
    }

    /** Runs the first-query fixture with the settings given as {@code key=value} arguments. */
    public static void main(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        JUnitRunner.run(DatabaseFixtures.FirstQuery.class, settings);
        System.out.flush();
        System.exit(0);
    }

    static void answered(int value) {
        if (value != 1) {
            throw new IllegalStateException("SELECT 1 answered " + value);
        }
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("FIRST_QUERY_MS " + sinceStart);
    }
}
