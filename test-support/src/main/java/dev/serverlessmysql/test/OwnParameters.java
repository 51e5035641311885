package dev.serverlessmysql.test;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * The one rule for which parameters the test support's extensions claim: a parameter of one of their types that
 * carries no annotation of anybody else's. A parameter annotated by another extension ({@code @Mock},
 * {@code @Autowired}, {@code @TempDir}, any annotation outside this package) is left to that extension, so JUnit
 * never sees two resolvers competing for it.
 */
final class OwnParameters {

    private static final String OUR_PACKAGE = OwnParameters.class.getPackageName();

    private OwnParameters() {
    }

    /** Whether the parameter has one of {@code types} exactly and no annotation from outside this package. */
    static boolean claims(ParameterContext parameter, Set<Class<?>> types) {
        return types.contains(parameter.getParameter().getType()) && onlyOurAnnotations(parameter);
    }

    /** Whether every annotation on the parameter is one of the test support's own. */
    static boolean onlyOurAnnotations(ParameterContext parameter) {
        return Arrays.stream(parameter.getParameter().getAnnotations())
                .map(Annotation::annotationType)
                .allMatch(type -> type.getPackageName().equals(OUR_PACKAGE));
    }
}
