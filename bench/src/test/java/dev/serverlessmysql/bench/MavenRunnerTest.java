package dev.serverlessmysql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a goal's time from a time-stamped Maven log. */
class MavenRunnerTest {

    private static final String LINE = "-".repeat(72);

    @Test
    void aGoalLastsUntilTheNextGoalStarts() {
        List<String> log = List.of(
                "10:00:00.000 [INFO] --- maven-surefire-plugin:3.5.4:test (default-cli) @ gate-suite ---",
                "10:00:00.500 [INFO] -------------------------------------------------------",
                "10:00:01.000 [INFO]  T E S T S",
                "10:00:03.250 [INFO] --- serverless-mysql-maven-plugin:0.1.0-SNAPSHOT:check (default-cli) @ gate-suite ---",
                "10:00:04.000 [INFO] " + LINE);
        assertEquals(3250.0, MavenRunner.goalMillis(log, "maven-surefire-plugin", "test"));
        assertEquals(750.0, MavenRunner.goalMillis(log, "serverless-mysql-maven-plugin", "check"));
    }

    @Test
    void aMissingGoalIsAnError() {
        List<String> log = List.of("10:00:00.000 [INFO] --- jacoco-maven-plugin:0.8.15:check (default-cli) @ x ---",
                "10:00:01.000 [INFO] " + LINE);
        assertThrows(IllegalStateException.class, () -> MavenRunner.goalMillis(log, "jacoco-maven-plugin", "report"));
    }
}
