package dev.serverlessmysql.maven;

import java.util.List;

/**
 * Both verdicts of one check, and the files written for them; {@link Messages} and {@link ReportFiles} turn it into
 * text and files.
 *
 * @param goal {@code check} or {@code check-aggregate}
 * @param module the module's (or reactor's) name
 * @param coverage the coverage verdict
 * @param leaks the connection-leak verdict
 * @param layout where the reports are
 * @param files the report files, as shown in the summary
 */
record GateReport(String goal, String module, CoverageOutcome coverage, LeakOutcome leaks, GateLayout layout,
        List<String> files) {

    GateReport {
        files = List.copyOf(files);
    }

    /** Whether the build must fail. */
    boolean failed() {
        return coverage.failed() || leaks.failed();
    }
}
