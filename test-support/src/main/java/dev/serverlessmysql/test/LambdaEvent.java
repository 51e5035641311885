package dev.serverlessmysql.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a Lambda event, loaded from a JSON fixture exactly as the Lambda Java runtime deserializes it, into a
 * parameter of a plain {@code @Test} (or of a lifecycle method or constructor). No other annotation is needed.
 *
 * <pre>{@code
 * @Test
 * void readsTheOrder(@LambdaEvent(value = "events/get-order.json", pathParameters = "id=43") APIGatewayProxyRequestEvent event) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The parameter may be any type the runtime can bind ({@code APIGatewayProxyRequestEvent},
 * {@code APIGatewayV2HTTPEvent}, {@code SQSEvent}, {@code SNSEvent}, {@code S3Event}, {@code DynamodbEvent},
 * {@code ScheduledEvent}, {@code KinesisEvent}, any other event class or your own POJO); {@code String} for the JSON
 * text after the overrides, {@code byte[]} or {@code InputStream} for its bytes (for a {@code RequestStreamHandler});
 * or {@code List<T>} / {@code Map<String, T>} when {@link #value()} names a folder, which loads every {@code .json}
 * file in it, sorted by name (also from inside a jar).
 *
 * <p>The fixture is looked up on the class path (the test class's class loader, then the thread's context class
 * loader), then next to the test class's package, then as a file relative to the working directory.
 *
 * <p>Failures name the file, the type and the bad field: a missing file, invalid JSON, a value of the wrong shape, a
 * file written for another event type, an override of a field the type does not have, and (with {@link #strict()})
 * any field the runtime would silently drop, which is usually a typo.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LambdaExtension.class)
public @interface LambdaEvent {

    /** Marks {@link #body()} as not set. */
    String UNSET = "\u0000unset";

    /** The fixture: a class path resource such as {@code events/get-order.json}, or a folder ending in {@code /}. */
    String value();

    /** Replaces the top-level {@code body} field (API Gateway, ALB); the text is used as is, JSON or not. */
    String body() default UNSET;

    /**
     * Sets headers, each as {@code "Name: value"}. Also updates {@code multiValueHeaders} when the fixture has it,
     * as API Gateway sends both.
     */
    String[] headers() default {};

    /** Sets path parameters, each as {@code "name=value"}. */
    String[] pathParameters() default {};

    /**
     * Sets query string parameters, each as {@code "name=value"}. Also updates
     * {@code multiValueQueryStringParameters} and {@code rawQueryString} when the fixture has them.
     */
    String[] queryStringParameters() default {};

    /**
     * Sets any field, each as {@code "path=value"}. The path uses dots and indexes in the fixture's own field names:
     * {@code requestContext.http.method=POST}, {@code Records[0].body=hello}, {@code Records[*].awsRegion=eu-west-1}
     * (every element), {@code headers['X.Dotted']=1}. The value replaces a text field as text; elsewhere it is read as
     * JSON when it parses ({@code 42}, {@code true}, {@code null}, {@code {"a":1}}, {@code ["x"]}) and as text otherwise.
     */
    String[] set() default {};

    /**
     * When true (the default), a field in the fixture that the runtime would silently drop fails the test, naming the
     * field. Set it to false for captured real events that carry fields the Java event model lacks.
     */
    boolean strict() default true;
}
