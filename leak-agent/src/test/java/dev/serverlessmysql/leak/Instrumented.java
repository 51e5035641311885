package dev.serverlessmysql.leak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Loads the fixture packages through the agent's transformer, as the JVM would with the agent attached; everything
 * else comes from the test class path.
 */
final class Instrumented extends ClassLoader {

    private final JdbcTransformer transformer;

    Instrumented(LeakTracker tracker) {
        super(Instrumented.class.getClassLoader());
        this.transformer = new JdbcTransformer(tracker);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("com.example.app.") && !name.startsWith("com.zaxxer.hikari.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c != null) {
                return c;
            }
            String path = name.replace('.', '/');
            byte[] bytes;
            try (InputStream in = getParent().getResourceAsStream(path + ".class")) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
            byte[] instrumented = transformer.instrument(path, bytes, this);
            byte[] code = instrumented == null ? bytes : instrumented;
            return defineClass(name, code, 0, code.length);
        }
    }

    /** Creates an instance of a fixture class. */
    Object create(String className, Object... args) throws Exception {
        for (var c : loadClass(className).getConstructors()) {
            if (c.getParameterCount() == args.length) {
                return c.newInstance(args);
            }
        }
        throw new IllegalArgumentException(className);
    }

    /** Calls a static or instance method of a fixture by name. */
    Object call(Object targetOrClassName, String method, Object... args) throws Exception {
        Class<?> type = targetOrClassName instanceof String s ? loadClass(s) : targetOrClassName.getClass();
        Object target = targetOrClassName instanceof String ? null : targetOrClassName;
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new IllegalArgumentException(method);
    }
}
