package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.TestDatabaseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses where a test server comes from: the engine forced by {@code serverlessmysql.test.engine}, or else the first
 * available of external, docker, embedded and local. Local comes last on purpose: binaries that happen to be installed
 * on a developer's machine are a different server from the pinned embedded one that CI uses, so they are used only
 * when forced or when this platform has no embedded binaries.
 */
final class EngineSelector {

    /** A chosen engine and why it was chosen (and the others were not), for the log line. */
    record Choice(ServerEngine provider, String reason) {
        Engine engine() {
            return provider.engine();
        }
    }

    private final TestSettings settings;
    private final List<ServerEngine> chain;

    EngineSelector(TestSettings settings, DockerProbe docker) {
        this.settings = settings;
        this.chain = List.of(new ExternalEngine(settings), new DockerEngine(docker, settings), new EmbeddedEngine(settings),
                new LocalEngine(settings));
    }

    static EngineSelector of(TestSettings settings) {
        return new EngineSelector(settings, new DockerProbe(settings::env, Path.of(System.getProperty("user.home"))));
    }

    /** The engine for the shared server. */
    Choice chooseShared() {
        return forced().map(this::forcedChoice).orElseGet(() -> firstAvailable(chain));
    }

    /**
     * The engine for a dedicated server, which must be one that starts servers itself: an external server cannot be
     * given private settings.
     */
    Choice chooseDedicated() {
        Optional<TestSettings.Setting> forced = forced();
        if (forced.isPresent() && !provider(parse(forced.get())).startsServers()) {
            Choice choice = firstAvailable(chain.stream().filter(ServerEngine::startsServers).toList());
            return new Choice(choice.provider(), choice.reason() + "; dedicated servers cannot be " + parse(forced.get()).id());
        }
        return forced.map(this::forcedChoice).orElseGet(() -> firstAvailable(chain.stream().filter(ServerEngine::startsServers).toList()));
    }

    /** The engine object for {@code engine}. */
    ServerEngine provider(Engine engine) {
        return chain.stream().filter(e -> e.engine() == engine).findFirst().orElseThrow();
    }

    private Optional<TestSettings.Setting> forced() {
        return settings.get(TestSettings.ENGINE);
    }

    private Choice forcedChoice(TestSettings.Setting forced) {
        ServerEngine engine = provider(parse(forced));
        engine.problem().ifPresent(why -> {
            throw new TestDatabaseException("The test engine '" + engine.engine().id() + "' was forced by " + forced.source()
                    + ", but it is not available: " + why + ". " + engine.fix() + " Or unset " + forced.source()
                    + " to let the test support pick the first engine that works.");
        });
        return new Choice(engine, "forced by " + forced.source());
    }

    private static Choice firstAvailable(List<ServerEngine> candidates) {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            ServerEngine engine = candidates.get(i);
            Optional<String> why = engine.problem();
            if (why.isEmpty()) {
                List<String> notes = new ArrayList<>();
                if (!skipped.isEmpty()) {
                    notes.add("skipped " + String.join("; ", skipped));
                }
                for (ServerEngine later : candidates.subList(i + 1, candidates.size())) {
                    notUsed(engine, later).ifPresent(notes::add);
                }
                return new Choice(engine, notes.isEmpty() ? "first available" : String.join("; ", notes));
            }
            skipped.add(engine.engine().id() + ": " + why.get());
        }
        throw new TestDatabaseException("No test engine is available: " + String.join("; ", skipped)
                + ". Set serverlessmysql.test.url to a server you run, start Docker, or install mariadb-server.");
    }

    /** A note for installed local binaries that the chain passed over, so their owner knows how to get them. */
    private static Optional<String> notUsed(ServerEngine chosen, ServerEngine later) {
        if (later instanceof LocalEngine local) {
            return local.binaries().map(b -> "local: " + b.server() + " not used because " + chosen.engine().id()
                    + " comes first (force it with " + TestSettings.ENGINE + "=local)");
        }
        return Optional.empty();
    }

    private static Engine parse(TestSettings.Setting setting) {
        try {
            return Engine.valueOf(setting.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TestDatabaseException("Unknown test engine '" + setting.value() + "' in " + setting.source() + ". Use one of "
                    + Arrays.stream(Engine.values()).map(Engine::id).collect(Collectors.joining(", ")) + ".");
        }
    }
}
