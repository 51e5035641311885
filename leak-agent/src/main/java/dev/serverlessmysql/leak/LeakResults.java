package dev.serverlessmysql.leak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the agent's result files: one per test JVM, {@code leaks-*.tsv}, tab-separated lines with
 * backslash escapes.
 */
public final class LeakResults {

    static final String HEADER = "# serverless-mysql leak agent results v3";
    static final String PREFIX = "leaks-";
    static final String SUFFIX = ".tsv";

    private LeakResults() {
    }

    /** Writes one JVM's run atomically into {@code file}. */
    public static void write(Path file, AgentRun run) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.newLine();
            line(w, "run", Long.toString(run.pid()), Boolean.toString(run.listenerActive()),
                    Integer.toString(run.testsObserved()), Long.toString(run.borrows()),
                    Long.toString(run.userConnections()), Long.toString(run.mainConnections()),
                    Long.toString(run.clientConnections()),
                    Long.toString(run.poolConnections()), Long.toString(run.infrastructureConnections()),
                    Long.toString(run.outsideTests()));
            for (String p : run.problems()) {
                line(w, "problem", p);
            }
            for (Map.Entry<String, Boolean> e : run.patterns().entrySet()) {
                line(w, "pattern", e.getKey(), e.getValue().toString());
            }
            for (LeakViolation v : run.violations()) {
                line(w, "violation", v.kind().name(), v.testClass(), nz(v.testMethod()), nz(v.testName()),
                        frame(v.opener()), frame(v.caller()), nz(v.thread()), Integer.toString(v.openCount()),
                        nz(v.handler()), nz(v.owner()), frame(v.builtAt()), Integer.toString(v.size()),
                        Integer.toString(v.instances()), Integer.toString(v.testOpenTotal()));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads every result file in {@code dir}; an absent directory gives an empty list. */
    public static List<AgentRun> readAll(Path dir) throws IOException {
        List<AgentRun> runs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return runs;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : ds) {
                files.add(f);
            }
        }
        files.sort(null);
        for (Path f : files) {
            runs.add(read(f));
        }
        return runs;
    }

    /** Reads one result file. */
    public static AgentRun read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
            throw new IOException("Not a result file of this version of the serverless-mysql leak agent: " + file
                    + ". It was written by another version of the plugin; run mvn clean verify.");
        }
        long pid = 0;
        boolean listener = false;
        int tests = 0;
        long[] counts = new long[7];
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> patterns = new LinkedHashMap<>();
        List<LeakViolation> violations = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> f = fields(line);
            switch (f.get(0)) {
                case "run" -> {
                    pid = Long.parseLong(f.get(1));
                    listener = Boolean.parseBoolean(f.get(2));
                    tests = Integer.parseInt(f.get(3));
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] = Long.parseLong(f.get(4 + i));
                    }
                }
                case "problem" -> problems.add(f.get(1));
                case "pattern" -> patterns.put(f.get(1), Boolean.parseBoolean(f.get(2)));
                case "violation" -> violations.add(new LeakViolation(LeakViolation.Kind.valueOf(f.get(1)), f.get(2),
                        ne(f.get(3)), ne(f.get(4)), Frame.parse(f.get(5)), Frame.parse(f.get(6)), ne(f.get(7)),
                        Integer.parseInt(f.get(8)), ne(f.get(9)), ne(f.get(10)), Frame.parse(f.get(11)),
                        Integer.parseInt(f.get(12)), Integer.parseInt(f.get(13)), Integer.parseInt(f.get(14))));
                default -> { }
            }
        }
        return new AgentRun(pid, listener, tests, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                counts[6], problems, patterns, violations);
    }

    private static String frame(Frame f) {
        return f == null ? "" : f.toString();
    }

    /** The file name a JVM writes to. */
    static String fileName(long pid, long nonce) {
        return PREFIX + pid + "-" + Long.toHexString(nonce) + SUFFIX;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String ne(String s) {
        return s.isEmpty() ? null : s;
    }

    private static void line(BufferedWriter w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write('\t');
            }
            w.write(escape(fields[i]));
        }
        w.newLine();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                out.add(b.toString());
                b.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }
}
