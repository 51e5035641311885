package dev.serverlessmysql.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The one check that the AWS Lambda libraries on the test class path are versions the Lambda half works with. A
 * project's own, older {@code aws-lambda-java-core} or {@code aws-lambda-java-events} wins Maven's mediation over the
 * versions this module asks for (the nearest declaration wins, not the newest), and the Lambda half would then fail
 * deep inside with {@code NoClassDefFoundError}. Every entry point of the Lambda half asks here first and fails with
 * the artifact to upgrade and the version to use.
 *
 * <p>It asks the class path itself: each library must have the classes and members the Lambda half links against
 * (checked without initialising them). The version read from the jar's Maven metadata is named in the message, and a
 * version below the oldest one tested fails too; a jar without that metadata (shaded, repackaged) is judged by its
 * classes alone.
 */
final class LambdaLibraries {

    private static final String GROUP = "com.amazonaws";
    private static final String BUILT_WITH = "dev/serverlessmysql/test/lambda-libraries.properties";

    /**
     * What the Lambda half needs of each library: the oldest version its tests run with (see the module's pom), a class
     * that every version has (to find the jar), and the classes or {@code Class#method} members that version brought.
     */
    static final List<Library> NEEDED = List.of(
            new Library("aws-lambda-java-core", "1.2.3", "com.amazonaws.services.lambda.runtime.Context", List.of(
                    // 1.2.2: the runtime's custom serializer service, which RuntimeJson honours as the runtime does
                    "com.amazonaws.services.lambda.runtime.CustomPojoSerializer",
                    // 1.2.3: log levels, which TestContext's logger records
                    "com.amazonaws.services.lambda.runtime.logging.LogLevel")),
            new Library("aws-lambda-java-events", "3.12.0", "com.amazonaws.services.lambda.runtime.events.SQSEvent", List.of(
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                    "com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent",
                    // 3.12.0: the request context fields API Gateway sends and Events.apiGateway() writes
                    "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent$ProxyRequestContext#getDomainName",
                    // 3.12.0: the 'version' field EventBridge sends and Events.scheduled() writes
                    "com.amazonaws.services.lambda.runtime.events.ScheduledEvent#getVersion")),
            new Library("aws-lambda-java-serialization", "1.0.0",
                    "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer", List.of(
                    "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers",
                    "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory",
                    "com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory",
                    "com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.DeserializationFeature")));

    private static volatile String verdict;

    private LambdaLibraries() {
    }

    /**
     * Fails, naming each library to upgrade, when the test class path cannot run the Lambda half; looks once per JVM.
     *
     * @throws IllegalStateException with the artifacts, the versions found and the versions to use
     */
    static void require() {
        String found = verdict;
        if (found == null) {
            ClassLoader loader = LambdaLibraries.class.getClassLoader();
            found = String.join("\n", problems(loader, builtWith(loader)));
            verdict = found;
        }
        if (!found.isEmpty()) {
            throw new IllegalStateException(found);
        }
    }

    /**
     * What is wrong with the Lambda libraries {@code loader} sees, as one message (empty when nothing is): each library
     * to upgrade, the version and jar found, what it lacks, and the version to use from {@code builtWith}.
     */
    static List<String> problems(ClassLoader loader, Properties builtWith) {
        List<String> wrong = new ArrayList<>();
        for (Library library : NEEDED) {
            library.problem(loader, builtWith.getProperty(library.artifactId(), library.minimum())).ifPresent(wrong::add);
        }
        if (wrong.isEmpty()) {
            return List.of();
        }
        List<String> message = new ArrayList<>();
        message.add("serverless-mysql-test's Lambda support (@LambdaEvent, TestContext, Events, LambdaInvoker,"
                + " LambdaSimulator) cannot run with the AWS Lambda libraries on this test class path:");
        wrong.forEach(w -> message.add("  - " + w));
        message.add("Maven picks the version declared nearest to your project (usually in your own pom), not the newest,"
                + " so an older version you declare wins over the one serverless-mysql-test needs. Fix: declare the version"
                + " named above in your pom (in <dependencies>, or in <dependencyManagement> when another dependency brings"
                + " the old one); 'mvn dependency:tree -Dincludes=com.amazonaws' shows which declaration picks each version.");
        return Collections.unmodifiableList(message);
    }

    /** The versions of the Lambda libraries this module was built and tested with, written into the jar by the build. */
    static Properties builtWith(ClassLoader loader) {
        Properties versions = new Properties();
        try (InputStream in = loader.getResourceAsStream(BUILT_WITH)) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + BUILT_WITH + " from the serverless-mysql-test jar", e);
        }
        return versions;
    }

    /** Compares dotted versions numerically ({@code 1.2.10 > 1.2.3}); a non-numeric part counts as 0. */
    static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(number(x, i), number(y, i));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One library the Lambda half links against. */
    record Library(String artifactId, String minimum, String anchor, List<String> members) {

        Optional<String> problem(ClassLoader loader, String use) {
            String coordinates = GROUP + ":" + artifactId;
            String fix = " Use " + coordinates + " " + use + " (the version serverless-mysql-test is built with; "
                    + minimum + " is the oldest that works).";
            URL anchorUrl = loader.getResource(anchor.replace('.', '/') + ".class");
            if (anchorUrl == null) {
                return Optional.of(coordinates + " is not on the test class path (" + anchor + " is missing): was it"
                        + " excluded?" + fix);
            }
            String jar = containerOf(anchorUrl, anchor.replace('.', '/') + ".class");
            Optional<String> version = versionIn(loader, jar);
            String found = coordinates + " " + version.orElse("(version unknown)") + " from " + jar;
            List<String> missing = new ArrayList<>();
            for (String member : members) {
                String absent = absence(loader, member);
                if (absent != null) {
                    missing.add(absent);
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(found + " is too old: it lacks " + String.join(", ", missing) + "." + fix);
            }
            if (version.isPresent() && compare(version.get(), minimum) < 0) {
                return Optional.of(found + " is older than " + minimum + ", the oldest version the Lambda half is tested"
                        + " with." + fix);
            }
            return Optional.empty();
        }

        /** Null when {@code member} is there; else what is missing, with the class that failed to load if one did. */
        private static String absence(ClassLoader loader, String member) {
            int hash = member.indexOf('#');
            String className = hash < 0 ? member : member.substring(0, hash);
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (hash >= 0) {
                    type.getMethod(member.substring(hash + 1));
                }
                return null;
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                return member;
            } catch (LinkageError e) {
                // the member's class is there, but something it refers to is not (a dependency of the library)
                return member + " (it cannot be loaded: " + e + ")";
            }
        }

        /** The version in the jar's Maven metadata, if the jar that holds the anchor class has it. */
        private Optional<String> versionIn(ClassLoader loader, String jar) {
            try {
                String metadata = "META-INF/maven/" + GROUP + "/" + artifactId + "/pom.properties";
                for (URL url : Collections.list(loader.getResources(metadata))) {
                    if (containerOf(url, metadata).equals(jar)) {
                        Properties pom = new Properties();
                        try (InputStream in = url.openStream()) {
                            pom.load(in);
                        }
                        return Optional.ofNullable(pom.getProperty("version"));
                    }
                }
            } catch (IOException e) {
                // the metadata is only for the message: without it the classes alone decide
            }
            return Optional.empty();
        }

        /**
         * The jar or directory that holds {@code resource}: {@code jar:file:/x.jar!/a/B.class} gives {@code /x.jar},
         * {@code file:/classes/a/B.class} gives {@code /classes/}.
         */
        private static String containerOf(URL url, String resource) {
            String text = url.toString();
            int bang = text.indexOf("!/");
            if (text.startsWith("jar:") && bang > 0) {
                text = text.substring("jar:".length(), bang);
            } else if (text.endsWith(resource)) {
                text = text.substring(0, text.length() - resource.length());
            }
            return text.startsWith("file:") ? text.substring("file:".length()) : text;
        }
    }
}
