package dev.serverlessmysql.leak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the agent's result files: one per test JVM, {@code leaks-*.tsv}, tab-separated lines with
 * backslash escapes.
 */
public final class LeakResults {

    static final String HEADER = "# serverless-mysql leak agent results v1";
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
                    Integer.toString(run.testsObserved()), Long.toString(run.userConnections()),
                    Long.toString(run.clientConnections()), Long.toString(run.poolConnections()),
                    Long.toString(run.infrastructureConnections()), Long.toString(run.outsideTests()));
            for (LeakViolation v : run.violations()) {
                line(w, "violation", v.kind().name(), v.testClass(), nz(v.testMethod()), nz(v.testName()),
                        v.opener() == null ? "" : v.opener().toString(), nz(v.thread()),
                        Integer.toString(v.openCount()), nz(v.detail()), String.join("\n", v.stack()));
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
            ds.forEach(files::add);
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
            throw new IOException("Not a serverless-mysql leak agent result file: " + file);
        }
        long pid = 0;
        boolean listener = false;
        int tests = 0;
        long[] counts = new long[5];
        List<LeakViolation> violations = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> f = fields(line);
            if ("run".equals(f.get(0)) && f.size() >= 9) {
                pid = Long.parseLong(f.get(1));
                listener = Boolean.parseBoolean(f.get(2));
                tests = Integer.parseInt(f.get(3));
                for (int i = 0; i < 5; i++) {
                    counts[i] = Long.parseLong(f.get(4 + i));
                }
            } else if ("violation".equals(f.get(0)) && f.size() >= 10) {
                violations.add(new LeakViolation(LeakViolation.Kind.valueOf(f.get(1)), f.get(2), ne(f.get(3)),
                        ne(f.get(4)), f.get(5).isEmpty() ? null : Frame.parse(f.get(5)), ne(f.get(6)),
                        Integer.parseInt(f.get(7)), ne(f.get(8)),
                        f.get(9).isEmpty() ? List.of() : Arrays.asList(f.get(9).split("\n"))));
            }
        }
        return new AgentRun(pid, listener, tests, counts[0], counts[1], counts[2], counts[3], counts[4], violations);
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
