package dev.serverlessmysql.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture test classes in a nested JUnit engine, so a test can watch what the extension does to a whole class. */
public final class Fixtures {

    static final String ENABLED = "serverlessmysql.test.fixture";

    /** Marks a class that runs only inside {@link #run}, never on its own in the build. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(OnlyInsideTestKit.class)
    public @interface Fixture {
    }

    /** Disables fixtures unless the nested engine turned them on. */
    public static final class OnlyInsideTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test")
                    : ConditionEvaluationResult.disabled("a fixture, run by other tests");
        }
    }

    private Fixtures() {
    }

    public static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return run(parameters, fixture);
    }

    /** Runs fixture classes in one nested engine, with the build's server settings and these parameters. */
    public static EngineExecutionResults run(Map<String, String> parameters, Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(serverSettings())
                .configurationParameter(ENABLED, "true")
                .configurationParameters(parameters)
                .selectors(java.util.Arrays.stream(fixtures).map(
                        org.junit.platform.engine.discovery.DiscoverySelectors::selectClass)
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /**
     * The build's {@code serverlessmysql.test.*} system properties, for a nested engine: the test kit reads no system
     * properties, so without them a fixture class would run on another engine than the build forced (say {@code local}).
     */
    public static Map<String, String> serverSettings() {
        Map<String, String> out = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("serverlessmysql.test.") && !key.equals(ENABLED))
                .forEach(key -> out.put(key, System.getProperty(key)));
        return out;
    }

    /** The message of the first failure in the run, including every cause, or null when nothing failed. */
    public static String failure(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst()
                .map(Fixtures::describe)
                .orElse(null);
    }

    /** The first column of every row {@code sql} returns. */
    public static java.util.List<String> strings(javax.sql.DataSource ds, String sql) throws java.sql.SQLException {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
