package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A {@code @MySqlTest} class with no Lambda annotation at all still gets {@link TestContext}, {@link Context} and
 * {@link LambdaInvoker} parameters, in its constructor, its lifecycle methods and its tests, and in its
 * {@code @Nested} classes (issue 18: "No ParameterResolver registered" without {@code @LambdaFunction}).
 */
@MySqlTest(init = "db/schema.sql")
class TestContextUnderMySqlTestTest {

    private final TestContext fromConstructor;
    private TestContext fromBeforeEach;

    TestContextUnderMySqlTestTest(TestContext context, MySqlDatabase database) {
        this.fromConstructor = context;
        assertNotNull(database);
    }

    @BeforeEach
    void remember(TestContext context) {
        this.fromBeforeEach = context;
    }

    @Test
    void injectsTheContextBesideTheDatabase(TestContext context, Context plain, DataSource dataSource) throws SQLException {
        assertSame(context, plain, "one context per method, whichever type asks");
        assertSame(fromBeforeEach, context, "the @BeforeEach and the test share the method's context");
        assertEquals(TestContext.DEFAULT_FUNCTION_NAME, context.getFunctionName());
        assertTrue(context.getRemainingTimeInMillis() > 0);
        assertEquals(java.util.List.of("1"), Fixtures.strings(dataSource, "SELECT 1"));
    }

    @Test
    void injectsTheContextIntoTheConstructor() {
        assertNotNull(fromConstructor);
        assertEquals(TestContext.DEFAULT_MEMORY_MB, fromConstructor.getMemoryLimitInMB());
    }

    @Test
    void injectsAnInvoker(LambdaInvoker invoker) {
        InvocationResult<String> result = invoker.invoke(new Echo(), "ping");
        assertEquals("ping from " + TestContext.DEFAULT_FUNCTION_NAME, result.response());
    }

    /** A handler for the injected invoker. */
    static final class Echo implements com.amazonaws.services.lambda.runtime.RequestHandler<String, String> {
        @Override
        public String handleRequest(String input, Context context) {
            return input + " from " + context.getFunctionName();
        }
    }

    @Nested
    class InANestedClass {

        @Test
        void injectsTheContextThere(TestContext context, MySqlDatabase database) {
            assertNotNull(context.getAwsRequestId());
            assertNotNull(database.name());
        }
    }
}
