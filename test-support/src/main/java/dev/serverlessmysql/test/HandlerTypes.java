package dev.serverlessmysql.test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler's declared input and output types, found the way the Lambda runtime finds them: through the generic
 * supertypes down to {@link RequestHandler}, so a subclass that fixes the type arguments is read correctly.
 */
final class HandlerTypes {

    private HandlerTypes() {
    }

    /** The handler's input and output types; an entry is null where the class does not say (a lambda, say). */
    static Type[] of(Object handler) {
        Type[] found = resolve(handler.getClass(), RequestHandler.class, Map.of());
        Type[] result = new Type[2];
        if (found != null) {
            for (int i = 0; i < 2; i++) {
                result[i] = isConcrete(found[i]) ? found[i] : null;
            }
        }
        return result;
    }

    private static Type[] resolve(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> here = new HashMap<>();
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            raw = c;
            TypeVariable<?>[] variables = c.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                here.put(variables[i], substitute(arguments[i], bindings));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == target) {
            TypeVariable<?>[] variables = target.getTypeParameters();
            Type[] result = new Type[variables.length];
            for (int i = 0; i < variables.length; i++) {
                result[i] = here.get(variables[i]);
            }
            return result;
        }
        List<Type> supertypes = new ArrayList<>(List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supertypes.add(raw.getGenericSuperclass());
        }
        for (Type supertype : supertypes) {
            Type[] result = resolve(supertype, target, here);
            if (result != null) {
                return result;
            }
        }
        return null;
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            return bindings.get(variable);
        }
        return type;
    }

    private static boolean isConcrete(Type type) {
        if (type == null || type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return false;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                if (!isConcrete(argument)) {
                    return false;
                }
            }
        }
        if (type instanceof GenericArrayType array) {
            return isConcrete(array.getGenericComponentType());
        }
        return true;
    }
}
