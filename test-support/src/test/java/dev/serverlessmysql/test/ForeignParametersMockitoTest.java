package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** Mockito's {@code @Mock} parameters of our types go to Mockito; the plain ones beside them are still ours. */
@ExtendWith(MockitoExtension.class)
@MySqlTest
@LambdaFunction(name = "orders-api")
class ForeignParametersMockitoTest {

    @Test
    void mockedAndRealDataSourcesSideBySide(@Mock DataSource mocked, DataSource real, MySqlDatabase db) throws Exception {
        assertTrue(mockingDetails(mocked).isMock());
        assertFalse(mockingDetails(real).isMock());
        try (Connection c = real.getConnection()) {
            assertEquals(db.name(), c.getCatalog());
        }
    }

    @Test
    void mockedAndRealContextsSideBySide(@Mock Context mocked, TestContext real, Context alsoReal) {
        when(mocked.getFunctionName()).thenReturn("mocked");
        assertEquals("mocked", mocked.getFunctionName());
        assertEquals("orders-api", real.getFunctionName());
        assertSame(real, alsoReal);
    }
}
