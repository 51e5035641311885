package dev.serverlessmysql.test.engine;

import dev.serverlessmysql.test.Engine;
import java.util.List;
import java.util.Optional;

/** MySQL in a Testcontainers container, used only when a Docker engine answers {@link DockerProbe}'s ping. */
final class DockerEngine implements ServerEngine {

    private final DockerProbe probe;
    private final TestSettings settings;

    DockerEngine(DockerProbe probe, TestSettings settings) {
        this.probe = probe;
        this.settings = settings;
    }

    @Override
    public Engine engine() {
        return Engine.DOCKER;
    }

    @Override
    public Optional<String> problem() {
        return probe.problem();
    }

    @Override
    public String fix() {
        return "Start a Docker engine, or set DOCKER_HOST (or docker.host in ~/.testcontainers.properties) to one.";
    }

    @Override
    public RunningServer launch(List<String> variables) {
        // DockerServer is the only class that touches Testcontainers, and it loads only here
        return DockerServer.launch(settings.image(), variables);
    }
}
