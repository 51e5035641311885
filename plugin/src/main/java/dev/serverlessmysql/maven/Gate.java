package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
import dev.serverlessmysql.leak.LeakResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The check itself: evidence, coverage rules, baseline, leaks and output files. Mojos only gather the config. */
final class Gate {

    /** What to do. */
    public enum Mode {
        /** Check both verdicts and write every report. */
        CHECK,
        /** Only write the HTML and XML coverage reports. */
        REPORT,
        /** Only write the ratchet baseline. */
        UPDATE_BASELINE
    }

    private Gate() {
    }

    /** When prepare first ran in any of the modules (epoch millis), or -1 when it ran in none. */
    static long prepareTime(List<Path> markers) throws IOException {
        long earliest = -1;
        for (Path m : markers) {
            long t = prepareTime(m);
            if (t >= 0 && (earliest < 0 || t < earliest)) {
                earliest = t;
            }
        }
        return earliest;
    }

    /** When prepare ran (epoch millis), or -1 when it did not run in this build. */
    static long prepareTime(Path marker) throws IOException {
        if (marker == null || !Files.isRegularFile(marker)) {
            return -1;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            p.load(in);
        }
        try {
            return Long.parseLong(p.getProperty("time", "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Applies the changed-lines minimum: a shortfall, the uncovered lines, or a failure when git gave no diff. */
    private static void changedLines(GateResult r, LineDiff.Rule rule, CoverageData data) {
        LineDiff.Outcome o = LineDiff.check(rule, data.bundle());
        String element = "lines changed since " + rule.base();
        if (o.problem() != null) {
            r.coverageVerdict = o.problem();
            return;
        }
        if (o.total() == 0) {
            r.notes.add(element + ": no changed lines of code in the measured classes.");
            return;
        }
        r.notes.add(element + ": " + Ratio.describe(o.covered(), o.total(), rule.minimum())
                + (Ratio.meets(o.covered(), o.total(), rule.minimum()) ? " >= " : " < ")
                + Ratio.percent(rule.minimum()));
        if (!Ratio.meets(o.covered(), o.total(), rule.minimum())) {
            List<Shortfall> all = new java.util.ArrayList<>(r.shortfalls);
            all.add(new Shortfall(element, Counter.LINE, o.covered(), o.total(), rule.minimum(), "<changedLines>"));
            r.shortfalls = all;
            r.uncoveredChangedLines = o.uncovered();
        }
    }

    /** Runs the gate and writes its files; the caller decides what a failure means. */
    public static GateResult run(GateConfig c, Mode mode) throws IOException {
        GateResult r = new GateResult();
        r.module = c.moduleName();
        r.config = c;
        long prepared = prepareTime(c.prepareMarkers());
        int reports = TestReports.countSince(c.testReportDirs(), Math.max(prepared, 0));
        boolean dataExists = CoverageData.anyData(c.dataFiles());

        ProjectClasses classes = ProjectClasses.scan(c.classesDirs(), c.includes(), c.excludes(),
                c.generatedSourceDirs());
        r.excludedByGlob = classes.excludedByGlob().size();
        r.excludedAsGenerated = classes.excludedAsGenerated().size();
        CoverageData data = null;
        int matched = 0;
        int stale = 0;
        if (!classes.included().isEmpty() && dataExists) {
            data = CoverageData.analyze(c.moduleName(), classes, c.dataFiles());
            matched = data.matchedClasses();
            stale = data.staleClasses();
        }
        Evidence.Facts facts = new Evidence.Facts(classes.totalCount(), classes.included().size(), reports > 0,
                prepared >= 0, c.dataFiles().get(0).toString(), dataExists, matched, stale, c.propertyName());
        r.coverageVerdict = Evidence.coverage(facts);

        if (data != null && r.coverageVerdict.status() == Evidence.Status.CHECK) {
            r.bundle = data.bundle();
            r.classes = data.classes();
            r.handlers = data.handlers();
            HtmlXmlReport.write(data, c.outputDir(), c.sourceRoots(), c.encoding());
            r.files.add(c.outputDir().resolve("coverage").resolve("index.html").toString());
            r.files.add(c.outputDir().resolve("coverage.xml").toString());
            if (mode == Mode.REPORT) {
                return r;
            }
            Baseline baseline = null;
            if (mode == Mode.UPDATE_BASELINE || c.updateBaseline()) {
                Baseline.of(r.bundle, r.classes).write(c.baselineFile());
                r.baselineNote = "baseline written to " + c.baselineFile() + "; commit it.";
                if (mode == Mode.UPDATE_BASELINE) {
                    return r;
                }
            } else if (c.ratchetSkippedFor() != null) {
                r.notes.add("ratchet: not compared, " + c.ratchetSkippedFor());
            } else if (c.ratchet()) {
                if (Files.isRegularFile(c.baselineFile())) {
                    baseline = Baseline.read(c.baselineFile());
                    r.baselineNote = "ratchet: compared with " + c.baselineFile();
                } else {
                    r.coverageVerdict = new Evidence.Verdict(Evidence.Status.FAIL,
                            "Ratchet mode is on but there is no baseline at " + c.baselineFile() + ".",
                            "create it with mvn verify serverless-mysql:update-baseline and commit it.");
                }
            }
            CoverageRules rules = new CoverageRules(c.module(), c.perClass(), c.handlers(), baseline);
            r.rulesConfigured = rules.hasRules();
            r.shortfalls = rules.evaluate(c.moduleName(), r.bundle, r.classes, r.handlers);
            r.leastCovered = CoverageRules.leastCovered(r.classes, 5);
            if (c.changedLines() != null) {
                changedLines(r, c.changedLines(), data);
            }
        } else if (mode == Mode.REPORT || mode == Mode.UPDATE_BASELINE) {
            return r;
        }

        if (c.leakCheck()) {
            List<AgentRun> runs = LeakResults.readAll(c.leakDir());
            r.leakVerdict = Evidence.leaks(facts, runs);
            if (r.leakVerdict.status() == Evidence.Status.CHECK) {
                try {
                    r.leaks = new LeakCheck(c.leakExceptions()).apply(runs);
                } catch (IllegalArgumentException e) {
                    r.leakVerdict = new Evidence.Verdict(Evidence.Status.FAIL, e.getMessage(), null);
                }
            }
        }
        ReportFiles.write(r, c.outputDir());
        return r;
    }
}
