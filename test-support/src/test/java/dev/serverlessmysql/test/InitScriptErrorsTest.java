package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InitScriptErrorsTest {

    @Fixtures.Fixture
    @MySqlTest(init = "db/no-such-script.sql")
    static class MissingScript {
        @Test
        void needsTheDatabase(MySqlDatabase db) {
            assertNotNull(db);
        }
    }

    @Fixtures.Fixture
    @MySqlTest(init = {"db/schema.sql", "db/broken.sql"})
    static class BrokenScript {
        @Test
        void needsTheDatabase(MySqlDatabase db) {
            assertNotNull(db);
        }
    }

    @Fixtures.Fixture
    @MySqlTest(serverVariables = "max_connections")
    static class MalformedServerVariable {
        @Test
        void needsTheDatabase(MySqlDatabase db) {
            assertNotNull(db);
        }
    }

    @Test
    void aMissingScriptIsNamedWithWhereToPutIt() {
        String failure = Fixtures.failure(Fixtures.run(MissingScript.class, Map.of()));
        assertNotNull(failure, "the class must fail");
        assertTrue(failure.contains("'db/no-such-script.sql' is not on the test classpath"), failure);
        assertTrue(failure.contains("src/test/resources/db/no-such-script.sql"), failure);
    }

    @Test
    void anSqlErrorNamesTheScriptTheLineAndTheServersError() {
        String failure = Fixtures.failure(Fixtures.run(BrokenScript.class, Map.of()));
        assertNotNull(failure, "the class must fail");
        assertTrue(failure.contains("Init script 'db/broken.sql' failed at line 4"), failure);
        assertTrue(failure.contains("vendor code 1064"), failure);
        assertTrue(failure.contains("SQLState 42000"), failure);
        assertTrue(failure.contains("INSERT INTO fine (id) VALUES (1), (2"), failure);
    }

    @Test
    void aMalformedServerVariableShowsTheExpectedForm() {
        String failure = Fixtures.failure(Fixtures.run(MalformedServerVariable.class, Map.of()));
        assertNotNull(failure, "the class must fail");
        assertTrue(failure.contains("'max_connections', which is not name=value"), failure);
    }
}
