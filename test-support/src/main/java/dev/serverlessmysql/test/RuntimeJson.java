package dev.serverlessmysql.test;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.annotation.PropertyAccessor;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.core.JsonProcessingException;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonMappingException;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.JsonNode;
import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON in and out exactly as the Lambda Java runtime does it: a {@code CustomPojoSerializer} service if one is on the
 * classpath, else {@link LambdaEventSerializers} for the event types the runtime knows, else the runtime's shared
 * Jackson configuration ({@link JacksonFactory}). This mirrors {@code EventHandlerLoader.getSerializer} of the
 * runtime interface client.
 */
final class RuntimeJson {

    /**
     * A mapper for JSON trees (fixture editing, comparisons) that reads JSON as leniently as the runtime's own (single
     * quotes, unquoted names...); never used to bind events.
     */
    static final ObjectMapper TREE = JacksonFactory.getInstance().getMapper().copy();

    /**
     * A mapper that reads an object's fields rather than its getters, for models whose getters throw on a state the
     * runtime's binding left them in; never used to bind or write events for a handler.
     */
    static final ObjectMapper FIELDS = TREE.copy()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private static final Object CREATE_LOCK = new Object();
    /** The runtime's S3 serializer is one shared, mutable instance; every use goes through this lock. */
    private static final Object S3_LOCK = new Object();
    private static final Map<Type, PojoSerializer<Object>> CACHE = new ConcurrentHashMap<>();
    private static final Pattern ORG_JSON_KEY = Pattern.compile("\\[\"([^\"]+)\"\\]");

    private static volatile boolean customLoaded;
    private static volatile CustomPojoSerializer custom;

    private RuntimeJson() {
    }

    /** The serializer the runtime would pick for {@code type}. */
    static PojoSerializer<Object> serializerFor(Type type) {
        ContainerClassLoader container = containerLoaderOf(type);
        if (container != null) {
            // a simulated container's own types live as long as the container: cache them there, not here
            return container.serializers().computeIfAbsent(type, t -> {
                synchronized (CREATE_LOCK) {
                    return create(t);
                }
            });
        }
        PojoSerializer<Object> cached = CACHE.get(type);
        if (cached != null) {
            return cached;
        }
        synchronized (CREATE_LOCK) {
            return CACHE.computeIfAbsent(type, RuntimeJson::create);
        }
    }

    private static ContainerClassLoader containerLoaderOf(Type type) {
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            return c.getClassLoader() instanceof ContainerClassLoader loader ? loader : null;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            ContainerClassLoader raw = containerLoaderOf(p.getRawType());
            if (raw != null) {
                return raw;
            }
            for (Type argument : p.getActualTypeArguments()) {
                ContainerClassLoader found = containerLoaderOf(argument);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (type instanceof java.lang.reflect.GenericArrayType a) {
            return containerLoaderOf(a.getGenericComponentType());
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PojoSerializer<Object> create(Type type) {
        CustomPojoSerializer customSerializer = customSerializer();
        if (customSerializer != null) {
            return new PojoSerializer<>() {
                @Override
                public Object fromJson(InputStream input) {
                    return customSerializer.fromJson(input, type);
                }

                @Override
                public Object fromJson(String input) {
                    return customSerializer.fromJson(input, type);
                }

                @Override
                public void toJson(Object value, OutputStream output) {
                    customSerializer.toJson(value, output, type);
                }
            };
        }
        if (type instanceof Class<?> clazz && LambdaEventSerializers.isLambdaSupportedEvent(clazz.getName())) {
            ClassLoader loader = loaderOf(clazz);
            if (clazz.getName().contains("S3Event")) {
                return new PojoSerializer<>() {
                    @Override
                    public Object fromJson(InputStream input) {
                        synchronized (S3_LOCK) {
                            return LambdaEventSerializers.serializerFor((Class) clazz, loader).fromJson(input);
                        }
                    }

                    @Override
                    public Object fromJson(String input) {
                        synchronized (S3_LOCK) {
                            return LambdaEventSerializers.serializerFor((Class) clazz, loader).fromJson(input);
                        }
                    }

                    @Override
                    public void toJson(Object value, OutputStream output) {
                        synchronized (S3_LOCK) {
                            LambdaEventSerializers.serializerFor((Class) clazz, loader).toJson(value, output);
                        }
                    }
                };
            }
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(clazz, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static CustomPojoSerializer customSerializer() {
        if (!customLoaded) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Iterator<CustomPojoSerializer> found = ServiceLoader.load(CustomPojoSerializer.class,
                    loader != null ? loader : RuntimeJson.class.getClassLoader()).iterator();
            CustomPojoSerializer first = found.hasNext() ? found.next() : null;
            if (first != null && found.hasNext()) {
                throw new IllegalStateException("More than one CustomPojoSerializer is registered under META-INF/services;"
                        + " the Lambda runtime allows only one and would fail the same way.");
            }
            custom = first;
            customLoaded = true;
        }
        return custom;
    }

    private static ClassLoader loaderOf(Class<?> clazz) {
        ClassLoader loader = clazz.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : RuntimeJson.class.getClassLoader();
    }

    /**
     * The class the runtime would bind for an object of class {@code clazz}: the class itself, or, for a subclass of
     * an event class (such as the builders in {@link Events}), the nearest superclass the runtime knows as an event.
     */
    static Class<?> bindingClassOf(Class<?> clazz) {
        for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
            if (LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
                return c;
            }
            if (c.getName().startsWith("com.amazonaws.services.lambda.runtime.events.")) {
                return c;
            }
        }
        return clazz;
    }

    static Object fromJson(String json, Type type) {
        return serializerFor(type).fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] toJsonBytes(Object value, Type type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializerFor(type).toJson(value, out);
        return out.toByteArray();
    }

    static String toJson(Object value, Type type) {
        return new String(toJsonBytes(value, type), StandardCharsets.UTF_8);
    }

    static JsonNode tree(String json) {
        try {
            return TREE.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return TREE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy of {@code value} made by writing it to JSON and reading it back, as the runtime would see it. */
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(Object value, Class<T> type) {
        return (T) fromJson(toJson(value, type), type);
    }

    /**
     * The field a binding failure points at, as a path such as {@code Records[0].body}, or null when the failure names
     * none.
     */
    static String failedField(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JsonMappingException.Reference ref : mapping.getPath()) {
                    if (ref.getFieldName() != null) {
                        if (path.length() > 0) {
                            path.append('.');
                        }
                        path.append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.length() == 0 ? null : path.toString();
            }
            String message = t.getMessage();
            if (message != null && t.getClass().getName().endsWith("JSONException")) {
                Matcher m = ORG_JSON_KEY.matcher(message);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** The most specific message of a binding failure, without Jackson's source-location noise. */
    static String failureMessage(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : deepest.getMessage();
        if (message == null) {
            return deepest.getClass().getName();
        }
        int at = message.indexOf("\n at [Source");
        return at >= 0 ? message.substring(0, at) : message;
    }
}
