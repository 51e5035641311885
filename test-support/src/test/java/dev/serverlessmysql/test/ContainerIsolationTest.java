package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.serverlessmysql.test.handlers.EnvironmentHandler;
import dev.serverlessmysql.test.handlers.NoDefaultConstructorHandler;
import dev.serverlessmysql.test.handlers.PojoHandler;
import dev.serverlessmysql.test.handlers.StaticCounterHandler;
import dev.serverlessmysql.test.handlers.StreamGreetingHandler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each simulated container loads the handler's classes afresh: statics and environment are per container. */
class ContainerIsolationTest {

    private static final Map<String, Object> EVENT = Map.of("i", 0);

    private static List<Object> invoke(SimulatedContainer container, int times) {
        return java.util.stream.IntStream.range(0, times).mapToObj(i -> container.invoke(EVENT).response()).toList();
    }

    @Test
    void twoContainersOfAHandlerWithAStaticCounterSeeDifferentCounters() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(StaticCounterHandler.class);
        try (SimulatedContainer first = simulator.container(); SimulatedContainer second = simulator.container()) {
            assertEquals(List.of(1, 2, 3), invoke(first, 3));
            assertEquals(List.of(1, 2), invoke(second, 2), "the second container has its own static counter");
            assertEquals(List.of(4), invoke(first, 1));

            Class<?> firstClass = first.handler().getClass();
            Class<?> secondClass = second.handler().getClass();
            assertEquals(StaticCounterHandler.class.getName(), firstClass.getName());
            assertNotSame(firstClass, secondClass);
            assertNotSame(StaticCounterHandler.class, firstClass);
            assertInstanceOf(ContainerClassLoader.class, firstClass.getClassLoader());
            // the runtime interfaces are the test JVM's, so the handler is still a RequestHandler here
            assertInstanceOf(RequestHandler.class, first.handler());
            assertEquals(1, first.coldStarts());
        }
    }

    @Test
    void aHandlerFromAFactorySharesItsStaticsAcrossContainers() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(StaticCounterHandler::new);
        try (SimulatedContainer first = simulator.container(); SimulatedContainer second = simulator.container()) {
            int a = (Integer) first.invoke(EVENT).response();
            int b = (Integer) second.invoke(EVENT).response();
            assertEquals(a + 1, b, "a factory's handlers are the test's own class: one static counter for all");
            assertSame(StaticCounterHandler.class, first.handler().getClass());
        }
    }

    @Test
    void theApplicationsOwnEventTypesAreBoundInsideTheContainer() {
        try (SimulatedContainer container = LambdaSimulator.forHandler(PojoHandler.class).container()) {
            InvocationResult<Object> result = container.invoke(Map.of("id", 5));
            assertEquals("{\"text\":\"order 5 in lambda-container-c1\"}", result.json());
            assertNotSame(PojoHandler.Receipt.class, result.response().getClass());
            assertEquals(PojoHandler.Receipt.class.getName(), result.response().getClass().getName());
        }
    }

    @Test
    void aReapedContainerStartsAgainWithFreshStatics() {
        try (SimulatedContainer container = LambdaSimulator.forHandler(StaticCounterHandler.class).container()) {
            assertEquals(List.of(1, 2), invoke(container, 2));
            Object before = container.handler();
            container.reap();
            assertNull(container.handler());
            assertEquals(List.of(1), invoke(container, 1), "a new execution environment initialises the class again");
            assertNotSame(before.getClass(), container.handler().getClass());
            assertEquals(2, container.coldStarts());
            assertEquals("c1#2", container.id());
        }
    }

    @Test
    void aRunGivesEveryContainerItsOwnCounter() {
        List<Integer> counts = new java.util.concurrent.CopyOnWriteArrayList<>();
        SimulationReport report = LambdaSimulator.forHandler(StaticCounterHandler.class)
                .containers(3).invocations(30).concurrency(2).event(EVENT)
                .succeedsWhen(response -> counts.add((Integer) response))
                .run();
        report.assertAllSucceeded();
        assertTrue(report.coldStarts() >= 2 && report.coldStarts() <= 3, report.summary());
        // every container counts from 1 on its own; one shared counter would have produced 1 only once
        assertEquals(report.coldStarts(), counts.stream().filter(c -> c == 1).count(), counts.toString());
        assertTrue(counts.stream().allMatch(c -> c < 30), counts.toString());
    }

    @Test
    void systemGetenvInContainerClassesReadsTheSimulatedEnvironment() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(EnvironmentHandler.class)
                .environment("GREETING", "hello from the container")
                .function(TestContext.builder().functionName("orders-api"));
        try (SimulatedContainer container = simulator.container()) {
            @SuppressWarnings("unchecked")
            Map<String, String> seen = (Map<String, String>) container.invoke(EVENT).response();
            assertEquals("hello from the container", seen.get("atInit"));
            assertEquals("hello from the container", seen.get("direct"));
            assertEquals("hello from the container", seen.get("methodReference"));
            assertEquals("hello from the container", seen.get("fromMap"));
            assertEquals("null", seen.get("PATH"), "the JVM's own environment is not the function's");
            assertEquals("orders-api", seen.get("functionName"));
            assertEquals(EnvironmentHandler.class.getName() + "::handleRequest", seen.get("handler"));
            assertEquals(seen.get("contextLogStream"), seen.get("logStream"));
            // Lambda's role credentials, as the Parameters and Secrets extension and request signing read them
            assertEquals(LambdaSimulator.SIMULATED_SESSION_TOKEN, seen.get("sessionToken"));
            assertEquals(LambdaSimulator.SIMULATED_ACCESS_KEY_ID, seen.get("accessKeyId"));
            assertTrue(seen.get("contextLoader").startsWith("lambda-container-c1"), seen.get("contextLoader"));
        }
        assertNull(System.getenv("GREETING"), "the test JVM's environment is untouched");
    }

    @Test
    void twoSimulatorsOfOneHandlerClassKeepTheirOwnEnvironments() {
        try (SimulatedContainer a = LambdaSimulator.forHandler(EnvironmentHandler.class).environment("GREETING", "a").container();
             SimulatedContainer b = LambdaSimulator.forHandler(EnvironmentHandler.class).environment("GREETING", "b").container()) {
            assertEquals("a", ((Map<?, ?>) a.invoke(EVENT).response()).get("direct"));
            assertEquals("b", ((Map<?, ?>) b.invoke(EVENT).response()).get("direct"));
        }
    }

    @Test
    void theSharedPartsAreTheTestJvmsOwnClasses() throws Exception {
        try (SimulatedContainer container = LambdaSimulator.forHandler(StaticCounterHandler.class).container()) {
            container.invoke(EVENT);
            ClassLoader loader = container.handler().getClass().getClassLoader();
            assertSame(RequestHandler.class, loader.loadClass(RequestHandler.class.getName()), "Lambda runtime interfaces");
            assertSame(Events.class, loader.loadClass(Events.class.getName()), "test-support");
            assertSame(org.junit.jupiter.api.Test.class, loader.loadClass(org.junit.jupiter.api.Test.class.getName()), "JUnit");
            assertSame(org.mariadb.jdbc.Driver.class, loader.loadClass("org.mariadb.jdbc.Driver"), "JDBC drivers");
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertNotSame(ContainerIsolationTest.class, loader.loadClass(ContainerIsolationTest.class.getName()),
                    "the project's own classes (here: this module's test classes) are per container");
        }
    }

    @Test
    void sharePrefixesAndIsolatePrefixesDecide() throws Exception {
        try (SimulatedContainer container = LambdaSimulator.forHandler(StaticCounterHandler.class)
                .share("dev.serverlessmysql.test.handlers.shared.").isolate("com.amazonaws.lambda.thirdparty.")
                .container()) {
            container.invoke(EVENT);
            ClassLoader loader = container.handler().getClass().getClassLoader();
            Class<?> probe = loader.loadClass("dev.serverlessmysql.test.handlers.shared.Probe");
            assertSame(dev.serverlessmysql.test.handlers.shared.Probe.class, probe);
            String mapper = "com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper";
            assertNotSame(Class.forName(mapper), loader.loadClass(mapper), "an isolated library is per container");
            assertSame(loader, loader.loadClass(mapper).getClassLoader());
            assertSame(RequestHandler.class, loader.loadClass(RequestHandler.class.getName()),
                    "the Lambda runtime interfaces stay shared whatever the settings say");
        }
    }

    @Test
    void aStreamHandlerNamedByClassRunsInItsContainer() {
        SimulationReport report = LambdaSimulator.forStreamHandler(StreamGreetingHandler.class).environment("STATUS", "502")
                .containers(2).invocations(4).concurrency(2).event("{}").run();
        assertEquals(Map.of("HTTP 502", 4), report.failureCounts(), report.summary());
        try (SimulatedContainer container = LambdaSimulator.forStreamHandler(StreamGreetingHandler.class)
                .environment("STATUS", "200").container()) {
            assertEquals("{\"statusCode\":200,\"body\":\"hi\"}", container.invoke("{}").response());
        }
    }

    @Test
    void theCodeSourceOfAnyClassCanBeIsolated() throws Exception {
        String mapper = "com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper";
        try (SimulatedContainer container = LambdaSimulator.forHandler(StaticCounterHandler.class)
                .isolateCodeSourceOf(Class.forName(mapper)).container()) {
            container.invoke(EVENT);
            ClassLoader loader = container.handler().getClass().getClassLoader();
            assertSame(loader, loader.loadClass(mapper).getClassLoader());
            assertSame(RequestHandler.class, loader.loadClass(RequestHandler.class.getName()));
        }
    }

    @Test
    void aHandlerStringNamesTheClassAsLambdaDoes() {
        try (SimulatedContainer container = LambdaSimulator.forHandler(StaticCounterHandler.class.getName() + "::handleRequest")
                .container()) {
            assertEquals(1, container.invoke(EVENT).response());
        }
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class,
                () -> LambdaSimulator.forHandler(StaticCounterHandler.class.getName() + "::process"));
        assertTrue(method.getMessage().contains("handleRequest"), method.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LambdaSimulator.forHandler("com.example.Missing::handleRequest"));
        assertTrue(missing.getMessage().contains("not on the test classpath"), missing.getMessage());
    }

    @Test
    void aHandlerTheRuntimeCannotConstructIsRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaSimulator.forHandler(NoDefaultConstructorHandler.class));
        assertTrue(e.getMessage().contains("no public no-argument constructor"), e.getMessage());
        assertTrue(e.getMessage().contains("forHandler(() -> new ...)"), e.getMessage());
    }

    @Test
    void environmentVariablesAreValidatedAsLambdaDoes() {
        LambdaSimulator<Map<String, Object>> simulator = LambdaSimulator.forHandler(EnvironmentHandler.class);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simulator.environment("AWS_REGION", "x"))
                .getMessage().contains("reserves"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> simulator.environment("1DB", "x"))
                .getMessage().contains("must start with a letter"));
        assertThrows(NullPointerException.class, () -> simulator.environment("DB_URL", null));
        IllegalStateException factory = assertThrows(IllegalStateException.class,
                () -> LambdaSimulator.forHandler(StaticCounterHandler::new).environment("DB_URL", "jdbc:mysql://x/y"));
        assertTrue(factory.getMessage().contains("forHandler(YourHandler.class)"), factory.getMessage());
        assertNotEquals(null, simulator.toString());
    }
}
