package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of one simulated Lambda container: child-first for the classes {@link ContainerClasses} isolates,
 * so their static fields (a {@code static final ServerlessMysql}, a pool, a counter) belong to this container alone,
 * as they belong to one execution environment in Lambda; everything else comes from the test JVM. Resources are
 * read through the parent: they are the same files either way.
 */
final class ContainerClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ContainerClasses classes;
    private final Map<String, String> environment;
    private final Map<Type, PojoSerializer<Object>> serializers = new ConcurrentHashMap<>();

    ContainerClassLoader(String containerId, ContainerClasses classes, Map<String, String> environment) {
        super("lambda-container-" + containerId, classes.parent());
        this.classes = classes;
        this.environment = Map.copyOf(environment);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                ContainerClasses.Definition d = classes.definition(name);
                if (d == null) {
                    return super.loadClass(name, resolve);
                }
                c = define(name, d);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> define(String name, ContainerClasses.Definition d) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // defined meanwhile by another thread loading a class of the same package
                }
            }
        }
        Class<?> c = defineClass(name, d.bytes(), 0, d.bytes().length, d.domain());
        if (name.equals(ContainerClasses.ENVIRONMENT)) {
            try {
                Field variables = c.getDeclaredField("variables");
                variables.setAccessible(true);
                variables.set(null, environment);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot give the simulated container its environment", e);
            }
        }
        return c;
    }

    /** The runtime serializers of this container's own types, which must not outlive it in a global cache. */
    Map<Type, PojoSerializer<Object>> serializers() {
        return serializers;
    }

    /** The variables {@code System.getenv} sees in this container. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        return getName();
    }
}
