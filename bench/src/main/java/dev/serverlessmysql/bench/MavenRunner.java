package dev.serverlessmysql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Maven in a child process with time-stamped log lines, and reads how long one goal took from its log. */
final class MavenRunner {

    private static final String TIME_FORMAT = "HH:mm:ss.SSS";
    private static final Pattern NEXT_GOAL = Pattern.compile("\\[INFO\\] --- \\S.* ---");
    private static final String SUMMARY = "[INFO] " + "-".repeat(72);
    private static final Pattern STAMPED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) (.*)$");

    /** One Maven run: its wall time and its log. */
    record Run(double millis, List<String> log) {

        /** Milliseconds from the start of {@code artifactId}'s {@code goal} to the next goal or the build summary. */
        double goalMillis(String artifactId, String goal) {
            return MavenRunner.goalMillis(log, artifactId, goal);
        }
    }

    private MavenRunner() {
    }

    /** Where the local repository holds {@code groupId:artifactId:version}, or null when it does not. */
    static Path installed(String groupId, String artifactId, String version, String type) {
        Path dir = localRepository().resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Path file = dir.resolve(artifactId + "-" + version + "." + type);
        return Files.isRegularFile(file) ? file : null;
    }

    /** The local repository the child Maven builds use: -Dmaven.repo.local in MAVEN_OPTS, else ~/.m2/repository. */
    static Path localRepository() {
        String opts = System.getenv("MAVEN_OPTS");
        if (opts != null) {
            for (String o : opts.trim().split("\\s+")) {
                if (o.startsWith("-Dmaven.repo.local=")) {
                    return Path.of(o.substring("-Dmaven.repo.local=".length()));
                }
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Runs {@code mvn -B args} in {@code dir}; fails with the log's tail when Maven fails. */
    static Run run(Path dir, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + TIME_FORMAT));
        cmd.addAll(args);
        Path logFile = Files.createTempFile(dir.getParent(), "mvn-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        long started = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        double millis = (System.nanoTime() - started) / 1e6;
        List<String> log = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        Files.delete(logFile);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            List<String> errors = log.stream().filter(l -> l.contains("[ERROR]") && !l.endsWith("[ERROR] ")).limit(6).toList();
            throw new IllegalStateException("mvn " + String.join(" ", args) + " in " + dir + " failed:\n"
                    + String.join("\n", errors.isEmpty() ? log.subList(Math.max(0, log.size() - 20), log.size()) : errors));
        }
        return new Run(millis, log);
    }

    static double goalMillis(List<String> log, String artifactId, String goal) {
        String start = "--- " + artifactId + ":";
        LocalTime began = null;
        for (String line : log) {
            Matcher m = STAMPED.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String text = m.group(2);
            if (began == null) {
                if (text.contains(start) && text.contains(":" + goal + " ")) {
                    began = time(m.group(1));
                }
            } else if (NEXT_GOAL.matcher(text).matches() || text.equals(SUMMARY)) {
                long nanos = time(m.group(1)).toNanoOfDay() - began.toNanoOfDay();
                return nanos / 1e6;
            }
        }
        throw new IllegalStateException("no " + artifactId + ":" + goal + " in the Maven log");
    }

    private static LocalTime time(String stamp) {
        return LocalTime.parse(stamp, DateTimeFormatter.ofPattern(TIME_FORMAT));
    }
}
