package dev.serverlessmysql.test;

import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension behind {@link MySqlTest}: it gives each class that declares {@code @MySqlTest} (a {@code @Nested}
 * class included) its own database and user, resets the database per method when asked, drops both when the class
 * ends, and injects {@link MySqlDatabase}, {@link DataSource}, {@link NetworkFaults} and {@link DataApiEndpoint}
 * parameters that carry no other extension's annotation. A {@code @Nested} class without {@code @MySqlTest} of its own
 * uses its enclosing class's database.
 */
public final class MySqlExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MySqlExtension.class);
    private static final Set<Class<?>> PARAMETER_TYPES = Set.of(MySqlDatabase.class, DataSource.class, NetworkFaults.class,
            DataApiEndpoint.class);

    /** Creates the extension; JUnit does this when it meets {@link MySqlTest}. */
    public MySqlExtension() {
        // state lives in JUnit's extension store, so one instance may serve many classes
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classDatabase(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // closed here rather than by the store: JUnit before 5.13 closes only its own CloseableResource type
        if (context.getTestMethod().isEmpty() && context.getTestClass().flatMap(ClassDatabase::settingsDeclaredBy).isPresent()) {
            ClassDatabase database = context.getStore(NAMESPACE).remove(key(context), ClassDatabase.class);
            if (database != null) {
                database.close();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ClassDatabase database = classDatabase(context);
        database.beforeTest();
        context.getStore(NAMESPACE).put(Held.class, new Held(database));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).remove(Held.class, Held.class);
        if (held != null) {
            held.database().afterTest();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return OwnParameters.claims(parameter, PARAMETER_TYPES);
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

    /** The database of the nearest class, from {@code context} outwards, that declares {@code @MySqlTest}. */
    private static ClassDatabase classDatabase(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        MySqlTest config = ClassDatabase.settingsDeclaredBy(owner.getRequiredTestClass()).orElseThrow();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key(owner), k -> ClassDatabase.open(owner, config),
                ClassDatabase.class);
    }

    private static ExtensionContext owner(ExtensionContext context) {
        for (ExtensionContext c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isEmpty() && ClassDatabase.settingsDeclaredBy(c.getRequiredTestClass()).isPresent()) {
                return c;
            }
        }
        String name = context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
        throw new ParameterResolutionException(name + " asks for a test database but is not annotated with @MySqlTest."
                + " Add @MySqlTest to the class.");
    }

    /** Store keys are per class context: a store also sees its parents' values, and a @Nested class may have its own. */
    private static String key(ExtensionContext classContext) {
        return "database " + classContext.getUniqueId();
    }

    /** The database a running method holds; not AutoCloseable, so that JUnit never closes the database with the method. */
    private record Held(ClassDatabase database) {
    }
}
