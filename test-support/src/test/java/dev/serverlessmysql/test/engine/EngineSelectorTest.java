package dev.serverlessmysql.test.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlessmysql.test.Engine;
import dev.serverlessmysql.test.TestDatabaseException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EngineSelectorTest {

    @TempDir
    Path home;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private EngineSelector selector() {
        TestSettings settings = new TestSettings(k -> Optional.ofNullable(properties.get(k)), environment::get);
        return new EngineSelector(settings, new DockerProbe(environment::get, home));
    }

    @Test
    void picksTheExternalServerWhenAUrlIsSet() {
        environment.put("SERVERLESS_MYSQL_TEST_URL", "jdbc:mysql://127.0.0.1:1/");
        assertEquals(Engine.EXTERNAL, selector().chooseShared().engine());
    }

    @Test
    void fallsBackToEmbeddedWithoutDocker() {
        EngineSelector.Choice choice = selector().chooseShared();
        assertEquals(Engine.EMBEDDED, choice.engine());
        assertTrue(choice.reason().contains("docker: DOCKER_HOST is unset"), choice.reason());
    }

    @Test
    void installedLocalBinariesNeverWinOverTheEmbeddedOnes() throws java.io.IOException {
        Path bin = java.nio.file.Files.createDirectories(home.resolve("mariadb/bin"));
        for (String name : new String[] {"mariadbd", "mariadb-install-db"}) {
            Path file = java.nio.file.Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
            file.toFile().setExecutable(true);
        }
        properties.put(TestSettings.LOCAL_PATH, home.resolve("mariadb").toString());
        assertEquals(java.util.Optional.empty(), selector().provider(Engine.LOCAL).problem(), "the local binaries are usable");

        for (EngineSelector.Choice choice : new EngineSelector.Choice[] {selector().chooseShared(), selector().chooseDedicated()}) {
            assertEquals(Engine.EMBEDDED, choice.engine());
            assertTrue(choice.reason().contains("local: " + bin.resolve("mariadbd").toRealPath() + " not used because embedded comes"
                    + " first (force it with serverlessmysql.test.engine=local)"), choice.reason());
        }
        properties.put(TestSettings.ENGINE, "local");
        assertEquals(Engine.LOCAL, selector().chooseShared().engine(), "forcing still works");
    }

    @Test
    void dedicatedServersNeverComeFromAnExternalServer() {
        properties.put(TestSettings.ENGINE, "external");
        properties.put(TestSettings.URL, "jdbc:mysql://127.0.0.1:1/");
        properties.put(TestSettings.LOCAL_PATH, home.toString());
        EngineSelector.Choice choice = selector().chooseDedicated();
        assertEquals(Engine.EMBEDDED, choice.engine());
        assertTrue(choice.reason().contains("dedicated servers cannot be external"), choice.reason());
    }

    @Test
    void aForcedEngineThatIsMissingSaysWhyAndWhatToDo() {
        environment.put("SERVERLESS_MYSQL_TEST_ENGINE", "docker");
        TestDatabaseException e = assertThrows(TestDatabaseException.class, () -> selector().chooseShared());
        assertTrue(e.getMessage().contains("'docker' was forced by environment variable SERVERLESS_MYSQL_TEST_ENGINE"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCKER_HOST is unset"), e.getMessage());
        assertTrue(e.getMessage().contains("Start a Docker engine"), e.getMessage());
    }

    @Test
    void aForcedLocalEngineWithoutBinariesPointsAtTheInstall() {
        properties.put(TestSettings.ENGINE, "local");
        properties.put(TestSettings.LOCAL_PATH, home.toString());
        TestDatabaseException e = assertThrows(TestDatabaseException.class, () -> selector().chooseShared());
        assertTrue(e.getMessage().contains("no mariadbd or mysqld under " + home), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install mariadb-server"), e.getMessage());
    }

    @Test
    void aForcedExternalEngineWithoutUrlNamesTheSetting() {
        properties.put(TestSettings.ENGINE, "external");
        TestDatabaseException e = assertThrows(TestDatabaseException.class, () -> selector().chooseShared());
        assertTrue(e.getMessage().contains("serverlessmysql.test.url (or SERVERLESS_MYSQL_TEST_URL) is not set"), e.getMessage());
    }

    @Test
    void anUnknownEngineListsTheValidOnes() {
        properties.put(TestSettings.ENGINE, "podman");
        TestDatabaseException e = assertThrows(TestDatabaseException.class, () -> selector().chooseShared());
        assertTrue(e.getMessage().contains("Unknown test engine 'podman'"), e.getMessage());
        assertTrue(e.getMessage().contains("external, docker, embedded, local"), e.getMessage());
    }
}
