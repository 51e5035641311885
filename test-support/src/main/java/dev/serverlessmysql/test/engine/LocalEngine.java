package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code mariadbd} or {@code mysqld} binaries installed on this machine, run as a private throwaway instance. */
final class LocalEngine implements ServerEngine {

    private final TestSettings settings;

    LocalEngine(TestSettings settings) {
        this.settings = settings;
    }

    @Override
    public Engine engine() {
        return Engine.LOCAL;
    }

    @Override
    public Optional<String> problem() {
        return binaries().map(ServerBinaries::problem).orElseGet(() -> Optional.of("no mariadbd or mysqld "
                + settings.get(TestSettings.LOCAL_PATH).map(s -> "under " + s.value() + " (set by " + s.source() + ")")
                .orElse("on the PATH or in /usr/sbin, /usr/local/mysql/bin")));
    }

    @Override
    public String fix() {
        return "Install a server (apt-get install mariadb-server) or set " + TestSettings.LOCAL_PATH
                + " to a MariaDB or MySQL installation folder.";
    }

    @Override
    public RunningServer launch(List<String> variables) {
        return ProcessServer.launch(Engine.LOCAL, binaries().orElseThrow(), settings.scratch(), settings.cacheDir(), variables);
    }

    @Override
    public Optional<ServerBinaries> processBinaries() {
        return binaries();
    }

    /** The binaries this engine would run, if any are installed. */
    Optional<ServerBinaries> binaries() {
        return ServerBinaries.find(settings.get(TestSettings.LOCAL_PATH).map(s -> Path.of(s.value())).orElse(null));
    }
}
