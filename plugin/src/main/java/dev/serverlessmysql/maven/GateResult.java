package dev.serverlessmysql.maven;

import java.util.ArrayList;
import java.util.List;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICoverageNode;

/** What the gate found; {@link Messages} and {@link ReportFiles} turn it into text and files. */
final class GateResult {

    String module;
    Evidence.Verdict coverageVerdict;
    ICoverageNode bundle;
    List<IClassCoverage> classes = List.of();
    java.util.Set<String> handlers = java.util.Set.of();
    GateConfig config;
    List<Shortfall> shortfalls = List.of();
    List<IClassCoverage> leastCovered = List.of();
    boolean rulesConfigured;
    int excludedByGlob;
    int excludedAsGenerated;
    String baselineNote;
    Evidence.Verdict leakVerdict;
    LeakCheck.Result leaks;
    List<String> uncoveredChangedLines = List.of();
    final List<String> notes = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    /** Whether coverage failed, by numbers or for lack of evidence. */
    public boolean coverageFailed() {
        return coverageVerdict.status() == Evidence.Status.FAIL || !shortfalls.isEmpty();
    }

    /** Whether the leak check failed, by findings or for lack of evidence. */
    public boolean leaksFailed() {
        return leakVerdict != null && (leakVerdict.status() == Evidence.Status.FAIL
                || (leaks != null && !leaks.passed()));
    }

    /** Whether the build must fail. */
    public boolean failed() {
        return coverageFailed() || leaksFailed();
    }

    public List<Shortfall> shortfalls() {
        return shortfalls;
    }

    public LeakCheck.Result leaks() {
        return leaks;
    }

    public Evidence.Verdict coverageVerdict() {
        return coverageVerdict;
    }

    public Evidence.Verdict leakVerdict() {
        return leakVerdict;
    }

    public List<String> notes() {
        return notes;
    }
}
