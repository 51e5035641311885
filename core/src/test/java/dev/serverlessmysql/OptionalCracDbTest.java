package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Driver;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client loads, connects and works with org.crac absent, as it is for anyone who does not use SnapStart. */
@MySqlTest
class OptionalCracDbTest {

    @Test
    void worksWithoutOrgCracOnTheClasspath(MySqlDatabase db) throws Exception {
        URL classes = ServerlessMysql.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("org.crac.Core"));
            Class<?> type = isolated.loadClass(ServerlessMysql.class.getName());
            Object builder = type.getMethod("builder").invoke(null);
            Class<?> b = builder.getClass();
            b.getMethod("jdbcUrl", String.class).invoke(builder, TestDb.url(db));
            b.getMethod("user", String.class).invoke(builder, db.user());
            b.getMethod("password", String.class).invoke(builder, db.password());
            b.getMethod("driver", Driver.class).invoke(builder, DriverManager.getDriver(TestDb.url(db)));
            Object client = b.getMethod("build").invoke(builder);
            try {
                assertEquals(false, invokeHidden(type, client, "hasCheckpointHook"), "no hook without org.crac");
                List<?> rows = (List<?>) type.getMethod("query", String.class, Object[].class)
                        .invoke(client, "SELECT 1", new Object[0]);
                assertEquals(1, rows.size());
            } finally {
                type.getMethod("quit").invoke(client);
            }
        }
    }

    private static Object invokeHidden(Class<?> type, Object target, String name) throws Exception {
        var m = type.getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
