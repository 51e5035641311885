package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The coverage steps a goal picks from: analyse once (classes read once, execution data loaded once), write the
 * HTML/XML report from that analysis (on a thread of its own, while the goal judges and writes its other files),
 * and judge it against the minimums. The report and the check share the one analysis.
 */
final class CoverageStep {

    /**
     * One analysis of the execution data against the classes.
     *
     * @param verdict whether there is anything to check and whether the evidence can be trusted
     * @param classes the classes found
     * @param data JaCoCo's numbers, when the verdict is {@link Evidence.Status#CHECK}
     */
    record Analysis(Evidence.Verdict verdict, ProjectClasses classes, CoverageData data) {

        boolean measured() {
            return data != null && verdict.status() == Evidence.Status.CHECK;
        }
    }

    private CoverageStep() {
    }

    /**
     * Reads the classes and the execution data, and decides whether they can be trusted.
     *
     * @param testsRan whether a test JVM ran in this build, by any evidence
     * @param prepareRan whether prepare ran in this build
     */
    static Analysis analyse(CoverageInput in, boolean testsRan, boolean prepareRan, String propertyName)
            throws IOException {
        boolean dataExists = CoverageData.anyData(in.dataFiles());
        ProjectClasses classes = ProjectClasses.scan(in.classesDirs(), in.includes(), in.excludes(),
                in.generatedSourceDirs());
        CoverageData data = null;
        int matched = 0;
        int stale = 0;
        if (!classes.included().isEmpty() && dataExists) {
            data = CoverageData.analyze(in.name(), classes, in.dataFiles());
            matched = data.matchedClasses();
            stale = data.staleClasses();
        }
        Evidence.Facts facts = new Evidence.Facts(classes.totalCount(), classes.included().size(), testsRan,
                prepareRan, in.dataFiles().get(0).toString(), dataExists, matched, stale, propertyName);
        return new Analysis(Evidence.coverage(facts), classes, data);
    }

    /**
     * Starts writing JaCoCo's HTML and XML reports of a measured analysis on a thread of its own, so that the goal
     * judges, writes report.json and the JUnit XML meanwhile; {@link PendingReports#files()} waits for it. The
     * analysis is only read while the report is written.
     */
    static PendingReports startReports(Analysis a, GateLayout layout, CoverageInput in) {
        FutureTask<List<String>> task = new FutureTask<>(new Callable<List<String>>() {
            @Override
            public List<String> call() throws IOException {
                return writeReports(a, layout, in);
            }
        });
        if (!a.measured()) {
            task.run();
        } else {
            // inherits the goal's context class loader; a daemon, so a build that dies never waits for it
            Thread t = new Thread(task, "serverless-mysql-report");
            t.setDaemon(true);
            t.start();
        }
        return new PendingReports(task, reportFiles(a, layout));
    }

    /** Reports being written; closing waits for them, so that no goal ends while its report is half written. */
    static final class PendingReports implements AutoCloseable {

        private final FutureTask<List<String>> task;
        private final List<String> expected;

        private PendingReports(FutureTask<List<String>> task, List<String> expected) {
            this.task = task;
            this.expected = expected;
        }

        /** The files being written, known before they are. */
        List<String> expected() {
            return expected;
        }

        /** Waits for the reports; returns the files written, or throws what writing them threw. */
        List<String> files() throws IOException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the report is finished either way: never left half written
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IOException("cannot write the coverage report: " + cause, cause);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Waits for the reports without throwing: the goal is already failing with another error. */
        @Override
        public void close() {
            try {
                files();
            } catch (IOException | RuntimeException e) {
                // the goal's own error is the one to report
            }
        }
    }

    /** Writes JaCoCo's HTML and XML reports of a measured analysis; returns the files written. */
    static List<String> writeReports(Analysis a, GateLayout layout, CoverageInput in) throws IOException {
        if (!a.measured()) {
            return List.of();
        }
        HtmlXmlReport.write(a.data(), layout, in.sourceRoots(), in.encoding());
        return reportFiles(a, layout);
    }

    /** The files {@link #writeReports} writes for an analysis. */
    static List<String> reportFiles(Analysis a, GateLayout layout) {
        return !a.measured() ? List.of()
                : List.of(layout.coverageHtml().resolve("index.html").toString(), layout.coverageXml().toString());
    }

    /** The ratchet's baseline, or why it cannot be compared. */
    record Ratchet(Baseline baseline, Path file, String note, Evidence.Verdict problem) {

        static final Ratchet OFF = new Ratchet(null, null, null, null);

        /** Reads the committed baseline; a missing file fails closed. */
        static Ratchet read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return new Ratchet(null, null, null, Evidence.Verdict.fail("Ratchet mode is on but there is no"
                        + " baseline at " + file + ".", "create it with mvn verify serverless-mysql:update-baseline"
                        + " and commit it."));
            }
            return new Ratchet(Baseline.read(file), file, "ratchet: compared with " + file, null);
        }

        /** Ratchet mode is on but this build does not compare, and why. */
        static Ratchet skipped(String why) {
            return new Ratchet(null, null, "ratchet: not compared, " + why, null);
        }
    }

    /** Applies the minimums, the ratchet and the changed-lines rule to a measured analysis. */
    static CoverageOutcome judge(Analysis a, Thresholds module, Thresholds perClass, Thresholds handlers,
            Ratchet ratchet, LineDiff.Rule changedLines) {
        if (!a.measured()) {
            return CoverageOutcome.of(a.verdict());
        }
        CoverageData data = a.data();
        Evidence.Verdict verdict = ratchet.problem() != null ? ratchet.problem() : a.verdict();
        CoverageRules rules = new CoverageRules(module, perClass, handlers, ratchet.baseline());
        List<Shortfall> shortfalls = new ArrayList<>(rules.evaluate(data.bundle().getName(), data.bundle(),
                data.classes(), data.handlers()));
        List<String> notes = new ArrayList<>();
        List<String> uncovered = List.of();
        if (changedLines != null) {
            LineDiff.Outcome o = LineDiff.check(changedLines, data.bundle());
            String element = "lines changed since " + changedLines.base();
            if (o.problem() != null) {
                verdict = o.problem();
            } else if (o.total() == 0) {
                notes.add(element + ": no changed lines of code in the measured classes.");
            } else {
                boolean meets = Ratio.meets(o.covered(), o.total(), changedLines.minimum());
                notes.add(element + ": " + Ratio.describe(o.covered(), o.total(), changedLines.minimum())
                        + (meets ? " >= " : " < ") + Ratio.percent(changedLines.minimum()));
                if (!meets) {
                    shortfalls.add(new Shortfall(element, Counter.LINE, o.covered(), o.total(),
                            changedLines.minimum(), "<changedLines>"));
                    uncovered = o.uncovered();
                }
            }
        }
        return new CoverageOutcome(verdict, data.bundle(), data.classes(), data.handlers(), module, shortfalls,
                CoverageRules.leastCovered(data.classes(), 5), rules.hasRules(), a.classes().excludedByGlob().size(),
                a.classes().excludedAsGenerated().size(), ratchet.note(), notes, uncovered, ratchet.file());
    }
}
