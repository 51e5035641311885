package dev.serverlessmysql.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the gate needs, gathered by a mojo from the POM and the build.
 *
 * @param moduleName the module's (or reactor's) name in messages
 * @param classesDirs compiled main classes, one directory per module
 * @param dataFiles JaCoCo execution data files
 * @param sourceRoots source directories for the HTML report
 * @param generatedSourceDirs directories of generated sources; their classes are left out
 * @param encoding source encoding
 * @param includes class globs to cover (empty: all)
 * @param excludes class globs to leave out, for report and check alike
 * @param outputDir {@code target/serverless-mysql}
 * @param testReportDirs surefire/failsafe report directories
 * @param prepareMarkers the files prepare writes, one per module
 * @param propertyName the argLine property
 * @param module the module minimums
 * @param perClass the minimums every class must meet
 * @param handlers the minimums Lambda handler classes must meet
 * @param ratchet whether the baseline applies
 * @param baselineFile the committed baseline
 * @param updateBaseline write the baseline instead of comparing with it
 * @param leakCheck whether connection leaks are checked
 * @param leakDir where the leak agent wrote its results
 * @param leakExceptions accepted leaks
 * @param ratchetSkippedFor why ratchet mode is on but not compared in this build, or {@code null}
 * @param changedLines the changed-lines rule, or {@code null} when it is off
 */
record GateConfig(String moduleName, List<Path> classesDirs, List<Path> dataFiles, List<Path> sourceRoots,
        List<Path> generatedSourceDirs, String encoding, ClassGlobs includes, ClassGlobs excludes, Path outputDir,
        List<Path> testReportDirs, List<Path> prepareMarkers, String propertyName, Thresholds module, Thresholds perClass,
        Thresholds handlers, boolean ratchet, Path baselineFile, boolean updateBaseline, boolean leakCheck,
        Path leakDir, List<LeakException> leakExceptions, String ratchetSkippedFor,
        LineDiff.Rule changedLines) {
}
