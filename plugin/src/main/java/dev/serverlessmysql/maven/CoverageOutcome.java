package dev.serverlessmysql.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICoverageNode;

/**
 * The coverage verdict and everything the messages and reports show of it.
 *
 * @param verdict whether there was anything to check, and whether the evidence can be trusted
 * @param bundle the measured totals, or {@code null} when nothing was measured
 * @param classes the measured classes, sorted by name
 * @param handlers the Lambda handler classes among them
 * @param minimums the module minimums, for the summary
 * @param shortfalls every number below its minimum
 * @param leastCovered the least-covered classes, for a failure message
 * @param rulesConfigured whether any minimum was set at all
 * @param excludedByGlob classes left out by includes/excludes
 * @param excludedAsGenerated classes left out as generated
 * @param baselineNote what the ratchet did, or {@code null}
 * @param notes further summary lines
 * @param uncoveredChangedLines changed lines no test ran ({@code path:line})
 * @param baselineFile the ratchet baseline when ratchet mode compared with it, else {@code null}
 */
record CoverageOutcome(Evidence.Verdict verdict, ICoverageNode bundle, List<IClassCoverage> classes,
        Set<String> handlers, Thresholds minimums, List<Shortfall> shortfalls, List<IClassCoverage> leastCovered,
        boolean rulesConfigured, int excludedByGlob, int excludedAsGenerated, String baselineNote, List<String> notes,
        List<String> uncoveredChangedLines, Path baselineFile) {

    CoverageOutcome {
        classes = List.copyOf(classes);
        handlers = Set.copyOf(handlers);
        shortfalls = List.copyOf(shortfalls);
        leastCovered = List.copyOf(leastCovered);
        notes = List.copyOf(notes);
        uncoveredChangedLines = List.copyOf(uncoveredChangedLines);
    }

    /** Nothing measured: only the verdict. */
    static CoverageOutcome of(Evidence.Verdict verdict) {
        return new CoverageOutcome(verdict, null, List.of(), Set.of(), Thresholds.none(), List.of(), List.of(), false,
                0, 0, null, List.of(), List.of(), null);
    }

    /** Whether coverage failed, by numbers or for lack of evidence. */
    boolean failed() {
        return verdict.status() == Evidence.Status.FAIL || !shortfalls.isEmpty();
    }
}
