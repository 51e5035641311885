package dev.serverlessmysql.leak;

import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pool's configured maximum size through its public getters, for the report of a pool that holds more
 * than one connection per Lambda container. Knows HikariCP, Commons DBCP, Tomcat JDBC, c3p0, Vibur, Agroal and
 * MariaDB Connector/J's pool (whose size is a URL option, {@code maxPoolSize}, default 8).
 */
final class PoolProbe {

    private static final String[] GETTERS = {
        "getMaximumPoolSize", "getMaxPoolSize", "getMaxTotal", "getMaxActive", "getPoolMaxSize", "getMaxSize"};
    private static final Pattern MARIADB_SIZE = Pattern.compile("[?&]maxPoolSize=(\\d+)");
    static final int MARIADB_DEFAULT_SIZE = 8;

    private PoolProbe() {
    }

    /** The configured maximum, or -1 when the pool does not say. */
    static int maximumSize(Object pool) {
        Class<?> type = pool.getClass();
        if (type.getName().equals("org.mariadb.jdbc.MariaDbPoolDataSource")) {
            Object url = call(pool, "getUrl");
            if (url instanceof String s) {
                Matcher m = MARIADB_SIZE.matcher(s);
                return m.find() ? Integer.parseInt(m.group(1)) : MARIADB_DEFAULT_SIZE;
            }
            return MARIADB_DEFAULT_SIZE;
        }
        for (String g : GETTERS) {
            Object v = call(pool, g);
            if (v instanceof Number n) {
                return n.intValue();
            }
        }
        return -1;
    }

    private static Object call(Object target, String name) {
        try {
            Method m = target.getClass().getMethod(name);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
