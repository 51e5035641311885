package corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameterized, dynamic and nested tests: a leak is tied to the test that opened it in every shape. */
@MySqlTest
class JUnitShapesCorpusTest {

    @BeforeEach
    void setUp(MySqlDatabase db) {
        Setup.db(db);
    }

    static Connection open() throws Exception {
        return DriverManager.getConnection(Db.url, Db.user, Db.password);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void leak_parameterized(int n) throws Exception {
        assertTrue(open().isValid(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void clean_parameterized(int n) throws Exception {
        try (Connection c = open()) {
            assertTrue(c.isValid(n));
        }
    }

    @TestFactory
    List<DynamicTest> leak_dynamic() {
        return IntStream.range(0, 2).mapToObj(i -> DynamicTest.dynamicTest("leaks " + i,
                () -> assertTrue(open().isValid(2)))).toList();
    }

    @TestFactory
    List<DynamicTest> clean_dynamic() {
        return IntStream.range(0, 2).mapToObj(i -> DynamicTest.dynamicTest("closes " + i, () -> {
            try (Connection c = open()) {
                assertTrue(c.isValid(2));
            }
        })).toList();
    }

    @Nested
    class Inner {

        @Test
        void leak_nested() throws Exception {
            assertTrue(open().isValid(2));
        }

        @Test
        void clean_nested() throws Exception {
            try (Connection c = open()) {
                assertTrue(c.isValid(2));
            }
        }
    }
}
