package dev.serverlessmysql.test;

import dev.serverlessmysql.test.dataapi.LocalDataApi;
import dev.serverlessmysql.test.engine.TestSettings;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.SearchOption;

/**
 * The JUnit 5 extension behind {@link MySqlTest}: it gives each test class its own database and user, resets the
 * database per method when asked, and injects {@link MySqlDatabase}, {@link DataSource}, {@link NetworkFaults} and
 * {@link DataApiEndpoint} parameters.
 */
public final class MySqlExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MySqlExtension.class);
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*=.*");

    /** Creates the extension; JUnit does this when it meets {@link MySqlTest}. */
    public MySqlExtension() {
        // state lives in JUnit's extension store, so one instance may serve many classes
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classDatabase(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        classDatabase(context).beforeTest();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MySqlDatabase.class || type == DataSource.class || type == NetworkFaults.class
                || type == DataApiEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassDatabase classDatabase = classDatabase(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == NetworkFaults.class) {
            return classDatabase.networkFaults(context.getRequiredTestClass());
        }
        if (type == DataApiEndpoint.class) {
            return classDatabase.dataApi(context.getRequiredTestClass());
        }
        MySqlDatabase database = classDatabase.database();
        return type == DataSource.class ? database.dataSource() : database;
    }

    private static ClassDatabase classDatabase(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext owner = classContext;
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(ClassDatabase.class, k -> open(owner), ClassDatabase.class);
    }

    private static ClassDatabase open(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        MySqlTest config = AnnotationSupport.findAnnotation(testClass, MySqlTest.class, SearchOption.INCLUDE_ENCLOSING_CLASSES)
                .orElseThrow(() -> new ParameterResolutionException(testClass.getName()
                        + " asks for a test database but is not annotated with @MySqlTest. Add @MySqlTest to the class."));
        List<String> variables = Arrays.asList(config.serverVariables());
        for (String v : variables) {
            if (!VARIABLE.matcher(v).matches()) {
                throw new TestDatabaseException("@MySqlTest(serverVariables) on " + testClass.getName() + " has '" + v
                        + "', which is not name=value. Write it like \"max_connections=20\".");
            }
        }
        TestSettings settings = new TestSettings(context::getConfigurationParameter, System::getenv);
        boolean dedicated = config.dedicatedServer() || !variables.isEmpty();
        MySqlServer server = dedicated ? TestServers.dedicated(settings, variables) : TestServers.shared(settings);
        try {
            DatabaseProvisioner provisioner = new DatabaseProvisioner(server);
            MySqlDatabase database = provisioner.create(testClass.getSimpleName(), List.of(config.init()), testClass.getClassLoader(),
                    config.freshDatabasePerMethod());
            NetworkFaults faults = config.networkFaults() ? new NetworkFaults(database, () -> StandbyServer.start(settings, variables,
                    database, List.of(config.init()), testClass.getClassLoader())) : null;
            DataApiEndpoint dataApi = config.dataApi() ? new DataApiEndpoint(LocalDataApi.start(
                    () -> database.jdbcUrl("mariadb"), database.user(), database.password(), database.name())) : null;
            return new ClassDatabase(database, provisioner, config.freshDatabasePerMethod(), faults, dataApi);
        } catch (RuntimeException e) {
            if (dedicated) {
                TestServers.release(server);
            }
            throw e;
        }
    }

    /** A test class's database, dropped (with its dedicated server, if any) when the class is done. */
    private static final class ClassDatabase implements AutoCloseable {
        private final MySqlDatabase database;
        private final DatabaseProvisioner provisioner;
        private final boolean perMethod;
        private final NetworkFaults faults;
        private final DataApiEndpoint dataApi;
        private boolean pristine = true;

        ClassDatabase(MySqlDatabase database, DatabaseProvisioner provisioner, boolean perMethod, NetworkFaults faults,
                DataApiEndpoint dataApi) {
            this.database = database;
            this.provisioner = provisioner;
            this.perMethod = perMethod;
            this.faults = faults;
            this.dataApi = dataApi;
        }

        DataApiEndpoint dataApi(Class<?> testClass) {
            if (dataApi == null) {
                throw new ParameterResolutionException(testClass.getName() + " asks for a DataApiEndpoint, but its"
                        + " @MySqlTest does not start one. Write @MySqlTest(dataApi = true).");
            }
            return dataApi;
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

        synchronized void beforeTest() {
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

        @Override
        public void close() {
            try {
                if (dataApi != null) {
                    dataApi.close();
                }
                if (faults != null) {
                    faults.close();
                }
            } finally {
                closeDatabase();
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
}
