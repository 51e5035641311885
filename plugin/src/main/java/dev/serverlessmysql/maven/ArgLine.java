package dev.serverlessmysql.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the agent options and checks that surefire/failsafe keep them. */
final class ArgLine {

    /** One {@code <argLine>} found in the POM. */
    public record Configured(String plugin, String execution, String value) {
    }

    private ArgLine() {
    }

    /** {@code -javaagent:/path/agent.jar=options}, quoted when the path has spaces. */
    public static String javaagent(Path jar, String options) {
        String arg = "-javaagent:" + jar.toAbsolutePath() + (options == null || options.isEmpty() ? "" : "=" + options);
        return arg.indexOf(' ') >= 0 || arg.indexOf('"') >= 0 ? "\"" + arg.replace("\"", "\\\"") + "\"" : arg;
    }

    /** {@code agents} followed by what was there; never drops the existing value. */
    public static String prepend(String agents, String existing) {
        if (existing == null || existing.isBlank()) {
            return agents;
        }
        if (existing.startsWith(agents)) {
            return existing;
        }
        return agents + " " + existing.trim();
    }

    /** The {@code <argLine>}s that would drop the property, i.e. that do not reference {@code @{name}}. */
    public static List<Configured> clobbering(List<Configured> configured, String propertyName) {
        List<Configured> bad = new ArrayList<>();
        for (Configured c : configured) {
            if (c.value() != null && !c.value().contains("@{" + propertyName + "}")) {
                bad.add(c);
            }
        }
        return bad;
    }

    /** The failure message for clobbering argLines, with the one-line fix for each. */
    public static String clobberMessage(List<Configured> bad, String propertyName) {
        StringBuilder b = new StringBuilder();
        b.append("serverless-mysql: the coverage and leak agents would be dropped from the test JVM.\n");
        for (Configured c : bad) {
            String value = c.value().trim();
            b.append("  ").append(c.plugin());
            if (c.execution() != null) {
                b.append(" (execution '").append(c.execution()).append("')");
            }
            b.append(" sets <argLine>").append(value).append("</argLine>, which replaces the '")
                    .append(propertyName).append("' property that prepare fills.\n");
            String rest = value.replace("${" + propertyName + "}", "").trim();
            b.append("  Fix: <argLine>@{").append(propertyName).append("}")
                    .append(rest.isEmpty() ? "" : " " + rest).append("</argLine>\n");
        }
        b.append("  (@{").append(propertyName).append("} is replaced when the tests start, after prepare ran;"
                + " ${").append(propertyName).append("} is replaced too early and loses the agents.)");
        return b.toString();
    }
}
