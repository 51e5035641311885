package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves the Lambda half of the test support: {@link LambdaEvent @LambdaEvent} parameters of any type, and
 * parameters of type {@link TestContext}, {@link Context} and {@link LambdaInvoker}. It is registered by
 * {@code @LambdaEvent}, {@code @LambdaFunction} and {@code @MySqlTest}; register it by hand with
 * {@code @ExtendWith(LambdaExtension.class)} for a test class that carries none of them. It resolves nothing else, and leaves a parameter of those types
 * alone when another extension's annotation is on it ({@code @Mock Context}), so it sits beside other resolvers.
 *
 * <p>All {@code TestContext} and {@code Context} parameters of one test method get the same context, configured by
 * the nearest {@link LambdaFunction}. When a test fails, what the handler logged there is published as a report
 * entry.
 */
public final class LambdaExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LambdaExtension.class);
    private static final String CONTEXT_KEY = "context";
    private static final Set<Class<?>> PARAMETER_TYPES = Set.of(TestContext.class, Context.class, LambdaInvoker.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.isAnnotated(LambdaEvent.class)) {
            return true;
        }
        return OwnParameters.claims(parameterContext, PARAMETER_TYPES);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        Optional<LambdaEvent> event = parameterContext.findAnnotation(LambdaEvent.class);
        try {
            LambdaLibraries.require();
            if (event.isPresent()) {
                return resolveEvent(event.get(), parameter, extensionContext);
            }
            if (parameter.getType() == LambdaInvoker.class) {
                LambdaInvoker invoker = LambdaInvoker.forFunction(functionSettings(extensionContext));
                extensionContext.getStore(NAMESPACE).put(new Object(), invoker); // closed with the test (AutoCloseable)
                return invoker;
            }
            return extensionContext.getStore(NAMESPACE).getOrComputeIfAbsent(CONTEXT_KEY,
                    key -> functionSettings(extensionContext).build(), TestContext.class);
        } catch (EventFixtureException | IllegalArgumentException | IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage() + " [parameter " + parameter.getName() + " of "
                    + parameterContext.getDeclaringExecutable() + "]", e);
        }
    }

    private static Object resolveEvent(LambdaEvent event, Parameter parameter, ExtensionContext extensionContext) {
        EventFixtures.Lookup lookup = EventFixtures.Lookup.of(extensionContext.getTestClass().orElse(null));
        EventFixtures.Overrides overrides = EventFixtures.Overrides.of(event);
        Type type = parameter.getParameterizedType();
        Class<?> raw = parameter.getType();
        boolean folder = EventFixtures.isFolder(event.value());
        if (folder || List.class == raw || Map.class == raw) {
            if (!(List.class == raw || Map.class == raw) || !(type instanceof ParameterizedType p)) {
                throw new ParameterResolutionException("@LambdaEvent(\"" + event.value() + "\") names a folder; declare the"
                        + " parameter as List<EventType> or Map<String, EventType> (parameter " + parameter.getName() + ").");
            }
            Type[] arguments = p.getActualTypeArguments();
            Type element = arguments[arguments.length - 1];
            if (!folder) {
                // a single fixture that is itself a JSON list or map
                return EventFixtures.load(event.value(), type, overrides, event.strict(), lookup);
            }
            Map<String, Object> events = EventFixtures.loadFolder(event.value(), element, overrides, event.strict(), lookup);
            return raw == List.class ? new ArrayList<>(events.values()) : events;
        }
        return EventFixtures.load(event.value(), type, overrides, event.strict(), lookup);
    }

    /** The settings of the nearest {@code @LambdaFunction}: on the method, else the class or an enclosing class. */
    static TestContext.Builder functionSettings(ExtensionContext context) {
        return TestContext.builderFrom(nearestFunction(context).orElse(null));
    }

    static Optional<LambdaFunction> nearestFunction(ExtensionContext context) {
        Optional<LambdaFunction> onMethod = context.getTestMethod().flatMap(m -> find(m));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<LambdaFunction> onClass = find(c);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static Optional<LambdaFunction> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, LambdaFunction.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        TestContext lambda = context.getStore(NAMESPACE).get(CONTEXT_KEY, TestContext.class);
        if (lambda != null && !lambda.getLogger().entries().isEmpty()) {
            context.publishReportEntry("lambda-logs", lambda.logs());
        }
    }
}
