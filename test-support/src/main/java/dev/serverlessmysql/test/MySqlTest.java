package dev.serverlessmysql.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Gives the annotated test class a real MySQL-compatible database of its own, reachable by a non-privileged
 * user, and injects {@link MySqlDatabase}, {@link javax.sql.DataSource} and (with {@link #networkFaults()})
 * {@link NetworkFaults} parameters, as well as the Lambda half's {@link TestContext}, {@code Context} and
 * {@link LambdaInvoker} (no {@link LambdaFunction @LambdaFunction} needed). A {@code @Nested} class may carry its own {@code @MySqlTest} and then gets a
 * database of its own; without one it uses the enclosing class's.
 *
 * <p>Under JUnit's parallel execution, classes run side by side (each has its own database) and so do the methods of
 * a class, except where {@link #freshDatabasePerMethod()} or {@link #networkFaults()} is on: those run one at a time.
 * Classes that name the same {@link #database()} run one after the other. Every class holds the
 * {@link #SHARED_SERVER} lock for reading, so a test that must be alone on the shared server (one that counts all of
 * its connections, say) declares {@code @ResourceLock(value = MySqlTest.SHARED_SERVER, mode = READ_WRITE)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({MySqlExtension.class, LambdaExtension.class})
@ResourceLock(value = MySqlTest.SHARED_SERVER, mode = ResourceAccessMode.READ, providers = DatabaseLocks.class)
public @interface MySqlTest {

    /** The JUnit resource lock that stands for the JVM-wide shared server. */
    String SHARED_SERVER = "dev.serverlessmysql.test.shared-server";

    /**
     * The class database's name, for code with schema-qualified SQL ({@code INSERT INTO dblambda.orders ...}); by
     * default a fresh, random one ({@code t_<class>_<random>}). Letters, digits, {@code _} and {@code $}, at most 60
     * characters. The name is the class's alone while it runs: another class that asks for the same name on the
     * shared server waits until this one has dropped it (JUnit 5.12+ schedules them apart under parallel execution;
     * in another JVM using the same external server, or on older JUnit, the second class waits for a server-side lock
     * for up to 30 minutes). A {@code @Nested} class that asks for its enclosing class's name fails at once, and so
     * does a class whose name already exists on the server while no test holds it: the test support never drops a
     * database it did not create.
     */
    String database() default "";

    /** Classpath SQL scripts run once, in order, against the class's database before its first test. */
    String[] init() default {};

    /** When true, every test method starts with a fresh copy of the database as the init scripts left it. */
    boolean freshDatabasePerMethod() default false;

    /** When true, the class gets a server of its own instead of the JVM-wide shared one. */
    boolean dedicatedServer() default false;

    /**
     * Server variables for a dedicated server, each as {@code name=value} (for example {@code max_connections=20});
     * a non-empty list implies {@link #dedicatedServer()}.
     */
    String[] serverVariables() default {};

    /**
     * When true, the class also gets a TCP proxy in front of its server, injected as {@link NetworkFaults}, to black-hole,
     * slow down, reset, refuse or re-route connections made through it.
     */
    boolean networkFaults() default false;

    /**
     * When true, the class also gets a local Aurora Data API over its database, injected as {@link DataApiEndpoint},
     * so that Data API code (the AWS SDK's {@code RdsDataClient}, or {@code DataApiClient}) runs without AWS.
     */
    boolean dataApi() default false;
}
