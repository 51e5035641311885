package dev.serverlessmysql.test;

import dev.serverlessmysql.test.dataapi.LocalDataApi;
import dev.serverlessmysql.test.engine.TestSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The database of one class that declares {@link MySqlTest} (a top-level class, or a {@code @Nested} class with
 * settings of its own): created before its first test, reset before each method when asked, and dropped with its
 * user (and its dedicated server, if any) when the class is done.
 */
final class ClassDatabase implements AutoCloseable {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*=.*");
    private static final long RESET_WAIT_MINUTES = 30;

    private final MySqlDatabase database;
    private final DatabaseProvisioner provisioner;
    private final boolean perMethod;
    private final NetworkFaults faults;
    private final DataApiEndpoint dataApi;
    /** The name the class asked for with {@code @MySqlTest(database)} on the shared server, held until it is dropped. */
    private final DatabaseName claimed;
    /** One method at a time where {@link #serial()}; JUnit 5.12+ already schedules them so (DatabaseLocks). */
    private final Semaphore inUse = new Semaphore(1);
    private boolean pristine = true;
    private boolean closed;

    private ClassDatabase(MySqlDatabase database, DatabaseProvisioner provisioner, boolean perMethod, NetworkFaults faults,
                          DataApiEndpoint dataApi, DatabaseName claimed) {
        this.database = database;
        this.provisioner = provisioner;
        this.perMethod = perMethod;
        this.faults = faults;
        this.dataApi = dataApi;
        this.claimed = claimed;
    }

    /** The settings {@code testClass} declares itself (or inherits from a superclass), not those of an enclosing class. */
    static Optional<MySqlTest> settingsDeclaredBy(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, MySqlTest.class);
    }

    /** Creates the database of the class behind {@code context}, on the shared server or a dedicated one. */
    static ClassDatabase open(ExtensionContext context, MySqlTest config) {
        Class<?> testClass = context.getRequiredTestClass();
        List<String> variables = Arrays.asList(config.serverVariables());
        for (String v : variables) {
            if (!VARIABLE.matcher(v).matches()) {
                throw new TestDatabaseException("@MySqlTest(serverVariables) on " + testClass.getName() + " has '" + v
                        + "', which is not name=value. Write it like \"max_connections=20\".");
            }
        }
        boolean named = !config.database().isEmpty();
        if (named) {
            DatabaseName.validate(config.database(), testClass);
        }
        TestSettings settings = new TestSettings(context::getConfigurationParameter, System::getenv);
        boolean dedicated = config.dedicatedServer() || !variables.isEmpty();
        MySqlServer server = dedicated ? TestServers.dedicated(settings, variables) : TestServers.shared(settings);
        DatabaseName claimed = null;
        DatabaseProvisioner provisioner = new DatabaseProvisioner(server);
        try {
            // a dedicated server is the class's alone, so only the shared one needs the name held
            claimed = named && !dedicated ? DatabaseName.claim(server, config.database(), testClass) : null;
            String name = named ? config.database() : DatabaseProvisioner.generatedName(testClass.getSimpleName());
            if (claimed != null) {
                List<String> existing = provisioner.existing(name, DatabaseProvisioner.templateOf(name));
                if (!existing.isEmpty()) {
                    throw claimed.alreadyExists(server, existing.get(0));
                }
            }
            MySqlDatabase database = provisioner.create(name, List.of(config.init()), testClass.getClassLoader(),
                    config.freshDatabasePerMethod());
            NetworkFaults faults = config.networkFaults() ? new NetworkFaults(database, () -> StandbyServer.start(settings, variables,
                    database, List.of(config.init()), testClass.getClassLoader())) : null;
            DataApiEndpoint dataApi = config.dataApi() ? new DataApiEndpoint(LocalDataApi.start(
                    () -> database.jdbcUrl("mariadb"), database.user(), database.password(), database.name())) : null;
            return new ClassDatabase(database, provisioner, config.freshDatabasePerMethod(), faults, dataApi, claimed);
        } catch (RuntimeException e) {
            if (dedicated) {
                TestServers.release(server);
            } else {
                try {
                    provisioner.close(); // drops what was created before the failure, if anything
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            if (claimed != null) {
                claimed.close();
            }
            throw e;
        }
    }

    MySqlDatabase database() {
        return database;
    }

    NetworkFaults networkFaults(Class<?> testClass) {
        if (faults == null) {
            throw new ParameterResolutionException(testClass.getName() + " asks for NetworkFaults, but its @MySqlTest does"
                    + " not start a proxy. Write @MySqlTest(networkFaults = true).");
        }
        return faults;
    }

    DataApiEndpoint dataApi(Class<?> testClass) {
        if (dataApi == null) {
            throw new ParameterResolutionException(testClass.getName() + " asks for a DataApiEndpoint, but its"
                    + " @MySqlTest does not start one. Write @MySqlTest(dataApi = true).");
        }
        return dataApi;
    }

    /**
     * Before each test method: waits for the class (when its methods run one at a time), heals its network, and resets
     * its database unless it is fresh.
     */
    void beforeTest() {
        if (serial()) {
            try {
                if (!inUse.tryAcquire(RESET_WAIT_MINUTES, TimeUnit.MINUTES)) {
                    throw new TestDatabaseException("A test method of " + database + " waited " + RESET_WAIT_MINUTES + " minutes"
                            + " for another method to finish with the database (reset before every method) or its network faults.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestDatabaseException("Interrupted while waiting for the database " + database.name(), e);
            }
        }
        try {
            synchronized (this) {
                if (faults != null) {
                    faults.beforeTest();
                }
                if (dataApi != null) {
                    dataApi.beforeTest(perMethod && !pristine);
                }
                if (perMethod && !pristine) {
                    database.reset();
                }
                pristine = false;
            }
        } catch (RuntimeException e) {
            if (serial()) {
                inUse.release();
            }
            throw e;
        }
    }

    /** After each test method whose {@link #beforeTest()} succeeded. */
    void afterTest() {
        if (serial()) {
            inUse.release();
        }
    }

    /**
     * Whether the methods run one at a time: a reset of one would wipe another's rows, and a network fault of one
     * (it acts on the whole class's proxy, which is healed before every method) would break another's connections.
     */
    private boolean serial() {
        return perMethod || faults != null;
    }

    /** Drops the database and its users, and stops a dedicated server; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (dataApi != null) {
                dataApi.close();
            }
            if (faults != null) {
                faults.close();
            }
        } finally {
            try {
                closeDatabase();
            } finally {
                if (claimed != null) {
                    claimed.close();
                }
            }
        }
    }

    private void closeDatabase() {
        // a dedicated server goes away with its databases, so they are only dropped from the shared one; that
        // also spares dropping tables from a server a test left read-only
        if (!database.server().isDedicated()) {
            if (database.server().isRunning()) {
                provisioner.close();
            }
            return;
        }
        TestServers.release(database.server());
    }
}
