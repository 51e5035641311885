package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A project that pins aws-lambda-java-core 1.2.0 and aws-lambda-java-events 3.11.0, whose versions win Maven's
 * mediation: this class runs only in the pom's {@code lambda-too-old} execution, whose test class path has those jars
 * instead of the ones this module depends on. Every entry point of the Lambda half fails at once with the artifacts
 * to upgrade (instead of {@code NoClassDefFoundError: CustomPojoSerializer} deep in a fixture), and the database half
 * is unaffected.
 */
class TooOldLambdaLibrariesTest {

    @BeforeAll
    static void theOldJarsAreReallyOnTheClassPath() {
        String core = com.amazonaws.services.lambda.runtime.Context.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(core.endsWith("aws-lambda-java-core-1.2.0.jar"), "run through Maven's lambda-too-old execution; core is " + core);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.amazonaws.services.lambda.runtime.CustomPojoSerializer"));
    }

    @Test
    void aLambdaEventParameterFailsNamingTheArtifactsToUpgrade() {
        EngineExecutionResults results = Fixtures.run(WantsAnEvent.class, Map.of());
        String failure = Fixtures.failure(results);
        assertEquals(1, results.testEvents().failed().count(), failure);
        assertNamesBothArtifacts(failure);
        assertTrue(failure.contains("[parameter "), "it says which parameter asked: " + failure);
    }

    @Test
    void aTestContextParameterUnderMySqlTestFailsTheSameWay() {
        String failure = Fixtures.failure(Fixtures.run(WantsAContext.class, Map.of()));
        assertNamesBothArtifacts(failure);
    }

    @Test
    void theBuildersAndTheContextFailAtOnce() {
        assertNamesBothArtifacts(assertThrows(IllegalStateException.class, Events::apiGateway).getMessage());
        assertNamesBothArtifacts(assertThrows(IllegalStateException.class, TestContext::create).getMessage());
        assertNamesBothArtifacts(assertThrows(IllegalStateException.class, LambdaInvoker::create).getMessage());
    }

    @Test
    void theDatabaseHalfIsUnaffected() {
        EngineExecutionResults results = Fixtures.run(WantsADatabase.class, Map.of());
        assertEquals(1, results.testEvents().succeeded().count(), Fixtures.failure(results));
    }

    private static void assertNamesBothArtifacts(String message) {
        assertTrue(message != null && message.contains("com.amazonaws:aws-lambda-java-core 1.2.0 from "), message);
        assertTrue(message.contains("lacks com.amazonaws.services.lambda.runtime.CustomPojoSerializer"), message);
        assertTrue(message.contains("com.amazonaws:aws-lambda-java-events 3.11.0 from "), message);
        assertTrue(message.contains("Use com.amazonaws:aws-lambda-java-core "), message);
        assertTrue(message.contains("Maven picks the version declared nearest to your project"), message);
    }

    @Fixtures.Fixture
    static class WantsAnEvent {
        @Test
        void reads(@LambdaEvent("events/get-order.json") APIGatewayProxyRequestEvent event) {
            assertEquals("GET", event.getHttpMethod());
        }
    }

    @Fixtures.Fixture
    @MySqlTest
    static class WantsAContext {
        @Test
        void logs(TestContext context) {
            context.getLogger().log("hello");
        }
    }

    @Fixtures.Fixture
    @MySqlTest(init = "db/schema.sql")
    static class WantsADatabase {
        @Test
        void queries(DataSource dataSource) throws SQLException {
            assertEquals(List.of("1"), Fixtures.strings(dataSource, "SELECT 1"));
        }
    }
}
