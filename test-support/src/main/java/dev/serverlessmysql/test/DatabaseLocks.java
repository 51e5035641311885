package dev.serverlessmysql.test;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * The resource locks {@link MySqlTest} declares for JUnit's parallel execution (JUnit 5.12 and later read them): a
 * class whose database is reset before every method, or whose network faults act on every connection it makes, holds
 * its database exclusively, so its methods run one at a time while other classes run beside it. On older JUnit versions {@link ClassDatabase} makes the methods wait itself.
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

    private static Set<Lock> locksOf(Class<?> testClass) {
        return ClassDatabase.settingsDeclaredBy(testClass)
                .filter(config -> config.freshDatabasePerMethod() || config.networkFaults())
                .map(config -> Set.of(new Lock(key(testClass), ResourceAccessMode.READ_WRITE)))
                .orElse(Set.of());
    }
}
