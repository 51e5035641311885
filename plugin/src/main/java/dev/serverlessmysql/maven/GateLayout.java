package dev.serverlessmysql.maven;

import java.nio.file.Path;

/**
 * The one place that knows the layout of {@code target/serverless-mysql}: what prepare writes there, where the test
 * JVM's agents write, and where check puts its reports.
 *
 * @param dir the folder itself (for the reactor-wide check, its {@code aggregate} subfolder)
 */
record GateLayout(Path dir) {

    static final String FOLDER = "serverless-mysql";
    /** The JUnit-XML file of the verdicts, written where CI tools look for test reports. */
    static final String JUNIT = "TEST-serverless-mysql.xml";

    /** The layout under a module's build directory ({@code target}). */
    static GateLayout of(Path buildDirectory) {
        return new GateLayout(buildDirectory.resolve(FOLDER));
    }

    /** Where the reactor-wide check writes, under the root's folder. */
    GateLayout aggregate() {
        return new GateLayout(dir.resolve("aggregate"));
    }

    /** The JaCoCo execution data the coverage agent writes. */
    Path dataFile() {
        return dir.resolve("jacoco.exec");
    }

    /** Where the leak agent writes one result file per test JVM. */
    Path leakDir() {
        return dir.resolve("leaks");
    }

    /** The marker prepare writes, so that check can tell "no tests ran" from "the agents were lost". */
    Path prepareMarker() {
        return dir.resolve("prepare.properties");
    }

    /** JaCoCo's HTML report. */
    Path coverageHtml() {
        return dir.resolve("coverage");
    }

    /** JaCoCo's XML report. */
    Path coverageXml() {
        return dir.resolve("coverage.xml");
    }

    /** The machine-readable verdicts. */
    Path reportJson() {
        return dir.resolve("report.json");
    }
}
