package dev.serverlessmysql.leak;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;

/**
 * Loads the fixture packages through the agent's transformer, as the JVM would with the agent attached; everything
 * else comes from the test class path.
 */
final class Instrumented extends ClassLoader {

    /** Where the project's own classes come from: a directory. */
    static final ProtectionDomain PROJECT = domain("file:/work/project/target/classes/");
    /** Where the project's test classes come from: a directory of its own. */
    static final ProtectionDomain TEST_CLASSES = domain("file:/work/project/target/test-classes/");
    /** Where library classes come from: a jar. */
    static final ProtectionDomain JAR = domain("file:/work/repository/library.jar");

    private final JdbcTransformer transformer;

    private static ProtectionDomain domain(String url) {
        try {
            return new ProtectionDomain(new CodeSource(new URL(url), (Certificate[]) null), null);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    Instrumented(LeakTracker tracker) {
        super(Instrumented.class.getClassLoader());
        this.transformer = new JdbcTransformer(tracker);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("com.example.") && !name.startsWith("com.zaxxer.hikari.")
                && !name.startsWith("org.h2.fake.")) {
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
            boolean project = name.startsWith("com.example.app.");
            byte[] instrumented = transformer.instrument(path, bytes, this, project);
            byte[] code = instrumented == null ? bytes : instrumented;
            ProtectionDomain domain = !project ? JAR : name.startsWith("com.example.app.tests.") ? TEST_CLASSES : PROJECT;
            return defineClass(name, code, 0, code.length, domain);
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
