package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether surefire or failsafe ran tests in this build, judged by their XML reports. */
final class TestReports {

    private TestReports() {
    }

    /** How many {@code TEST-*.xml} files in {@code dirs} were written at or after {@code sinceMillis}. */
    public static int countSince(List<Path> dirs, long sinceMillis) throws IOException {
        int n = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "TEST-*.xml")) {
                for (Path p : ds) {
                    if (p.getFileName().toString().equals(GateLayout.JUNIT)
                            || p.getFileName().toString().startsWith("TEST-serverless-mysql")) {
                        continue; // the gate's own verdicts, not a test run
                    }
                    // file systems keep modification times at coarse precision; allow two seconds
                    if (Files.getLastModifiedTime(p).toMillis() >= sinceMillis - 2000) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
