package dev.serverlessmysql.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The steps of the check goal, called as the mojo calls them, without Maven: for tests. */
final class Checks {

    private Checks() {
    }

    static CoverageInput input(String name, Path classes, Path exec, List<String> excludes, List<Path> generated) {
        return new CoverageInput(name, List.of(classes), List.of(exec), List.of(), generated, "UTF-8",
                new ClassGlobs(List.of()), new ClassGlobs(excludes));
    }

    /** Analyse, write the coverage report, judge; the leak check off. Tests ran when {@code reports} has any. */
    static GateReport check(String goal, CoverageInput in, GateLayout layout, List<Path> reports, Thresholds module,
            Thresholds perClass, Thresholds handlers, CoverageStep.Ratchet ratchet) throws IOException {
        long prepared = AbstractGateMojo.prepareTime(layout.prepareMarker());
        boolean testsRan = TestReports.countSince(reports, Math.max(prepared, 0)) > 0;
        CoverageStep.Analysis a = CoverageStep.analyse(in, testsRan, prepared >= 0, "argLine");
        // as the goal does: the coverage report is written on its own thread while the rest is judged and written
        try (CoverageStep.PendingReports pending = CoverageStep.startReports(a, layout, in)) {
            CoverageOutcome c = CoverageStep.judge(a, module, perClass, handlers, ratchet, null);
            GateReport r = new GateReport(goal, in.name(), c, LeakOutcome.notChecked("off in this test."), layout,
                    new ArrayList<>(pending.expected()));
            ReportFiles.write(r, layout.dir(), GateLayout.JUNIT);
            pending.files();
            return r;
        }
    }
}
