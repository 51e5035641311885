package dev.serverlessmysql.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a class of this module in a new JVM on the same classpath and waits for the line it prints on success. */
final class ChildJvm {

    /** The line that started with the marker, without it, and the milliseconds from process start until it came. */
    record Answer(String value, double millis) {
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code main} with {@code jvmOptions}, {@code args} and extra {@code environment}; fails with the child's
     * output unless it exits normally after printing a line that starts with {@code marker}.
     */
    static Answer run(List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> environment,
                      String marker) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment);
        long started = System.nanoTime();
        Process p = pb.start();
        Answer answer = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (answer == null && line.startsWith(marker)) {
                    answer = new Answer(line.substring(marker.length()), (System.nanoTime() - started) / 1e6);
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0 || answer == null) {
            p.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " failed:\n" + output);
        }
        return answer;
    }
}
