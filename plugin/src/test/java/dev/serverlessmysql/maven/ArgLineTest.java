package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgLineTest {

    @Test
    void prependsAndNeverOverwrites() {
        assertEquals("-javaagent:a", ArgLine.prepend("-javaagent:a", null));
        assertEquals("-javaagent:a", ArgLine.prepend("-javaagent:a", "  "));
        assertEquals("-javaagent:a -Xmx1g", ArgLine.prepend("-javaagent:a", "-Xmx1g"));
        assertEquals("-javaagent:a -Xmx1g", ArgLine.prepend("-javaagent:a", "-javaagent:a -Xmx1g"));
    }

    @Test
    void quotesPathsWithSpaces() {
        String arg = ArgLine.javaagent(Path.of("/my repo/agent.jar"), "x=1");
        assertEquals("\"-javaagent:/my repo/agent.jar=x=1\"", arg);
        assertEquals("-javaagent:/r/agent.jar", ArgLine.javaagent(Path.of("/r/agent.jar"), ""));
    }

    @Test
    void findsArgLinesThatDropTheAgentsAndShowsTheFix() {
        List<ArgLine.Configured> configured = List.of(
                new ArgLine.Configured("maven-surefire-plugin", null, "@{argLine} -Xmx1g"),
                new ArgLine.Configured("maven-surefire-plugin", "slow", "-Xmx2g -Dslow=true"),
                new ArgLine.Configured("maven-failsafe-plugin", null, ""));
        List<ArgLine.Configured> bad = ArgLine.clobbering(configured, "argLine");
        assertEquals(2, bad.size());
        String message = ArgLine.clobberMessage(bad, "argLine");
        assertTrue(message.contains("Fix: <argLine>@{argLine} -Xmx2g -Dslow=true</argLine>"), message);
        assertTrue(message.contains("maven-surefire-plugin (execution 'slow')"), message);
        assertTrue(message.contains("Fix: <argLine>@{argLine}</argLine>"), message);
    }
}
