package dev.serverlessmysql.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Spring's {@code @Autowired} parameters go to Spring's extension; the plain ones beside them are still ours. */
@SpringJUnitConfig(ForeignParametersSpringTest.Beans.class)
@MySqlTest
class ForeignParametersSpringTest {

    /** The application's own data source, as a Spring context would define it. */
    @Configuration
    static class Beans {
        // a plain proxy rather than a Mockito mock: Mockito's agent attach would deadlock inside Spring's class generation
        static final DataSource APPLICATION = (DataSource) java.lang.reflect.Proxy.newProxyInstance(Beans.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        @Bean
        DataSource applicationDataSource() {
            return APPLICATION;
        }
    }

    @Test
    void autowiredAndTestDatabaseSideBySide(@Autowired DataSource fromSpring, DataSource ours, MySqlDatabase db) throws Exception {
        assertSame(Beans.APPLICATION, fromSpring);
        assertNotSame(fromSpring, ours);
        try (Connection c = ours.getConnection()) {
            assertEquals(db.name(), c.getCatalog());
        }
    }
}
