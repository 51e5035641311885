package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** How a simulated container gets its handler at each cold start: the two ways {@link LambdaSimulator} offers. */
interface HandlerFactory {

    /** The class loader of a new execution environment, or null when the handler comes from the test's own classes. */
    ClassLoader newLoader(String environmentId, String logStreamName);

    /** The init: class initialisation and construction, run on the container's runtime thread. */
    Object newHandler(ClassLoader loader) throws Exception;

    /** What the handler is, for messages and Lambda's {@code _HANDLER} variable. */
    String name();

    /** A handler from a factory the test gives: built in the test's class loader, so static state is shared. */
    final class Supplied implements HandlerFactory {
        private final Supplier<?> supplier;

        Supplied(Supplier<?> supplier) {
            this.supplier = Objects.requireNonNull(supplier, "factory");
        }

        @Override
        public ClassLoader newLoader(String environmentId, String logStreamName) {
            return null;
        }

        @Override
        public Object newHandler(ClassLoader loader) {
            Object handler = supplier.get();
            if (!(handler instanceof RequestHandler) && !(handler instanceof RequestStreamHandler)) {
                throw new IllegalArgumentException("The handler factory returned "
                        + (handler == null ? "null" : handler.getClass().getName())
                        + ", which is neither a RequestHandler nor a RequestStreamHandler.");
            }
            return handler;
        }

        @Override
        public String name() {
            return "a handler factory";
        }
    }

    /**
     * A handler named by class, as Lambda names it: loaded afresh in each container's own class loader and built
     * through its public no-argument constructor, with the container's environment variables.
     */
    final class Loaded implements HandlerFactory {
        private final String className;
        private final ContainerClasses classes;
        private final Map<String, String> environment;

        Loaded(String className, ContainerClasses classes, Map<String, String> environment) {
            this.className = className;
            this.classes = classes;
            this.environment = Map.copyOf(environment);
        }

        /** Checks what the Lambda runtime checks, with the test's copy of the class (which is not initialised). */
        static void validate(Class<?> handlerClass) {
            String name = handlerClass.getName();
            if (!RequestHandler.class.isAssignableFrom(handlerClass) && !RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
                throw new IllegalArgumentException(name + " implements neither RequestHandler nor RequestStreamHandler;"
                        + " the simulator runs handlers of those two interfaces.");
            }
            if (handlerClass.isInterface() || Modifier.isAbstract(handlerClass.getModifiers())) {
                throw new IllegalArgumentException(name + " is abstract: Lambda needs a concrete handler class.");
            }
            if (!Modifier.isPublic(handlerClass.getModifiers())
                    || (handlerClass.getEnclosingClass() != null && !Modifier.isStatic(handlerClass.getModifiers()))) {
                throw new IllegalArgumentException(name + " is not a public top-level or static nested class: the Lambda"
                        + " runtime cannot construct it. Make it public, or use LambdaSimulator.forHandler(() -> new ...).");
            }
            try {
                handlerClass.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(name + " has no public no-argument constructor: the Lambda runtime"
                        + " constructs handlers through one, and reads configuration from environment variables. Add"
                        + " one, or use LambdaSimulator.forHandler(() -> new ...) to inject dependencies.", e);
            }
            if (ContainerClasses.rootOf(handlerClass.getClassLoader() == null ? ClassLoader.getSystemClassLoader()
                    : handlerClass.getClassLoader(), name).isEmpty()) {
                throw new IllegalArgumentException("Cannot find the class file of " + name + " on the classpath, so"
                        + " simulated containers cannot load it afresh.");
            }
        }

        @Override
        public ClassLoader newLoader(String environmentId, String logStreamName) {
            Map<String, String> variables = new LinkedHashMap<>(environment);
            variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
            return new ContainerClassLoader(environmentId, classes, variables);
        }

        @Override
        public Object newHandler(ClassLoader loader) throws Exception {
            try {
                Class<?> type = Class.forName(className, true, loader);
                Constructor<?> constructor = type.getConstructor();
                return constructor.newInstance();
            } catch (ExceptionInInitializerError | InvocationTargetException e) {
                // report what the static initialiser or the constructor threw, as Lambda does
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        public String name() {
            return className;
        }
    }
}
