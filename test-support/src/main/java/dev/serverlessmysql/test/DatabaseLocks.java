package dev.serverlessmysql.test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * The resource locks {@link MySqlTest} declares for JUnit's parallel execution (JUnit 5.12 and later read them): a
 * class whose database is reset before every method, or whose network faults act on every connection it makes, holds
 * its database exclusively, so its methods run one at a time while other classes run beside it; and classes that name
 * the same database with {@code @MySqlTest(database)} hold that name exclusively, so they run one after the other. On older JUnit versions {@link ClassDatabase} makes the methods wait itself.
 */
final class DatabaseLocks implements ResourceLocksProvider {

    DatabaseLocks() {
        // JUnit creates it reflectively when it meets MySqlTest; it holds no state
    }

    /** The lock key of the database that {@code testClass} owns. */
    static String key(Class<?> testClass) {
        return "dev.serverlessmysql.test.database:" + testClass.getName();
    }

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return locksOf(testClass);
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return locksOf(testClass);
    }

    /** The lock key of a database name that classes ask for with {@code @MySqlTest(database)}. */
    static String nameKey(String database) {
        return "dev.serverlessmysql.test.database-name:" + database.toLowerCase(Locale.ROOT);
    }

    private static Set<Lock> locksOf(Class<?> testClass) {
        Optional<MySqlTest> settings = ClassDatabase.settingsDeclaredBy(testClass);
        if (settings.isEmpty()) {
            return Set.of();
        }
        MySqlTest config = settings.get();
        Set<Lock> locks = new HashSet<>();
        if (config.freshDatabasePerMethod() || config.networkFaults()) {
            locks.add(new Lock(key(testClass), ResourceAccessMode.READ_WRITE));
        }
        if (!config.database().isEmpty()) {
            // two classes with one name must not run side by side; DatabaseName holds it across JVMs and old JUnit
            locks.add(new Lock(nameKey(config.database()), ResourceAccessMode.READ_WRITE));
        }
        return locks;
    }
}
