package dev.serverlessmysql.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Describes the Lambda function a test plays, for the {@link TestContext} and {@link LambdaInvoker} parameters it gets
 * injected. On a test method it wins over the one on the class (or an enclosing class of a {@code @Nested} test).
 *
 * <pre>{@code
 * @LambdaFunction(name = "orders-api", memory = 512, timeout = 10)
 * class OrdersHandlerTest {
 *     @Test
 *     void answers(TestContext context, LambdaInvoker invoker) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LambdaExtension.class)
public @interface LambdaFunction {

    /** The function name; {@value TestContext#DEFAULT_FUNCTION_NAME} when empty. */
    String name() default "";

    /** The function version: {@code $LATEST} or a published version number. */
    String version() default "$LATEST";

    /** The invoked function ARN; when empty, {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    String arn() default "";

    /** Memory in MB, 128 to 10240. */
    int memory() default TestContext.DEFAULT_MEMORY_MB;

    /** The timeout in seconds, as Lambda configures it (1 to 900). */
    int timeout() default 3;

    /** A timeout in milliseconds instead of {@link #timeout()}, for fast timeout tests; used when above 0. */
    long timeoutMillis() default 0;

    /** The region in ARNs. */
    String region() default Ids.DEFAULT_REGION;

    /** The 12-digit account id in ARNs. */
    String account() default Ids.DEFAULT_ACCOUNT;

    /** Whether the handler's log lines are also printed to standard output. */
    boolean echoLogs() default true;
}
