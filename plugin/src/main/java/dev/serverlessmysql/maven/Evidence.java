package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether there is anything to check and whether the evidence can be trusted. Fails closed: when tests
 * ran, missing or useless data is an error with its reason and fix, never a silent pass.
 */
final class Evidence {

    /** The decision. */
    public enum Status {
        /** Check the numbers. */
        CHECK,
        /** Nothing to check; pass and say why. */
        NOTHING_TO_CHECK,
        /** The evidence is missing or unusable; fail. */
        FAIL
    }

    /** A decision with its explanation. */
    public record Verdict(Status status, String reason, String fix) {

        static Verdict check() {
            return new Verdict(Status.CHECK, null, null);
        }

        static Verdict nothing(String reason) {
            return new Verdict(Status.NOTHING_TO_CHECK, reason, null);
        }

        static Verdict fail(String reason, String fix) {
            return new Verdict(Status.FAIL, reason, fix);
        }

        /** Reason and fix on two lines. */
        public String message() {
            return fix == null ? reason : reason + "\n  Fix: " + fix;
        }
    }

    /**
     * What the build left behind.
     *
     * @param classFiles class files in the module, excluded ones too
     * @param includedClasses class files the check covers
     * @param testsRan whether a test JVM ran in this build: surefire or failsafe wrote test reports (in any
     *     configured folder), an agent recorded a run, or the coverage agent wrote data
     * @param prepareRan whether serverless-mysql:prepare ran in this build
     * @param dataFile where the execution data should be
     * @param dataExists whether it exists and is not empty
     * @param matchedClasses included classes with execution data
     * @param staleClasses included classes whose execution data is for other bytecode
     * @param propertyName the argLine property prepare writes
     */
    public record Facts(int classFiles, int includedClasses, boolean testsRan, boolean prepareRan, String dataFile,
            boolean dataExists, int matchedClasses, int staleClasses, String propertyName) {
    }

    private Evidence() {
    }

    static final String ADD_PREPARE = "add the prepare goal next to check: <execution><goals><goal>prepare</goal>"
            + "<goal>check</goal></goals></execution> in the serverless-mysql-maven-plugin's <executions>.";

    /** Whether coverage can be checked. */
    public static Verdict coverage(Facts f) {
        if (f.includedClasses() == 0) {
            return Verdict.nothing(f.classFiles() == 0
                    ? "no classes in this module: coverage not checked."
                    : "all " + f.classFiles() + " classes are excluded: coverage not checked.");
        }
        if (!f.testsRan() && !f.dataExists()) {
            return Verdict.nothing("no tests ran in this module: coverage not checked.");
        }
        if (!f.prepareRan()) {
            return Verdict.fail("Tests ran but the coverage agent was not attached: serverless-mysql:prepare did not"
                    + " run in this build, so there is no execution data to check.", ADD_PREPARE);
        }
        if (!f.dataExists()) {
            return Verdict.fail("Tests ran but wrote no execution data to " + f.dataFile() + ": the JaCoCo agent that"
                    + " prepare put in the '" + f.propertyName() + "' property never reached the test JVM.",
                    "make every surefire/failsafe <argLine> start with @{" + f.propertyName() + "}; do not set -D"
                    + f.propertyName() + " on the command line; do not use <forkCount>0</forkCount> (tests in the"
                    + " Maven JVM cannot carry an agent).");
        }
        if (f.matchedClasses() == 0) {
            if (f.staleClasses() > 0) {
                return Verdict.fail("The execution data in " + f.dataFile() + " matches none of the "
                        + f.includedClasses() + " classes: " + f.staleClasses() + " were recompiled after the tests"
                        + " ran, so the data describes other bytecode.",
                        "run a clean build: mvn clean verify.");
            }
            return Verdict.fail("The execution data in " + f.dataFile() + " matches none of the "
                    + f.includedClasses() + " classes of this module: the tests never loaded them, or the agent"
                    + " measured another module's classes.",
                    "test this module's classes from this module's tests, or exclude what is not meant to be covered"
                    + " with <excludes>.");
        }
        return Verdict.check();
    }

    /** Whether the leak check can be trusted. */
    public static Verdict leaks(Facts f, List<AgentRun> runs) {
        if (!f.testsRan() && runs.isEmpty()) {
            return Verdict.nothing("no tests ran in this module: connection leaks not checked.");
        }
        if (!f.prepareRan()) {
            return Verdict.fail("Tests ran but the leak agent was not attached: serverless-mysql:prepare did not run in"
                    + " this build.", ADD_PREPARE);
        }
        if (runs.isEmpty()) {
            return Verdict.fail("Tests ran but the leak agent left no results: the agent that prepare put in the '"
                    + f.propertyName() + "' property never reached the test JVM.",
                    "make every surefire/failsafe <argLine> start with @{" + f.propertyName() + "} and do not set -D"
                    + f.propertyName() + " on the command line; or turn the check off with"
                    + " <leakCheck>false</leakCheck>.");
        }
        List<String> problems = new ArrayList<>();
        for (AgentRun r : runs) {
            problems.addAll(r.problems());
        }
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder("The leak agent could not look at everything, so connections it did"
                    + " not see would pass unchecked (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "):");
            for (String p : problems.subList(0, Math.min(10, problems.size()))) {
                b.append("\n    ").append(p);
            }
            if (problems.size() > 10) {
                b.append("\n    ... and ").append(problems.size() - 10).append(" more");
            }
            return Verdict.fail(b.toString(), "a class that holds no JDBC code of yours can be left out of the agent's"
                    + " view with <leakAgentExcludes><leakAgentExclude>com.example.generated.**</leakAgentExclude>"
                    + "</leakAgentExcludes>; otherwise report the error above, with the class it names.");
        }
        boolean anyListener = false;
        int tests = 0;
        for (AgentRun r : runs) {
            anyListener |= r.listenerActive();
            tests += r.testsObserved();
        }
        if (!anyListener) {
            return Verdict.fail("Tests ran but the leak agent never saw a JUnit Platform test start, so it could not"
                    + " tie connections to tests (JUnit 4 without the vintage engine, TestNG, a surefire older than"
                    + " 3.0.0, or listeners deactivated).",
                    "run the tests on the JUnit Platform (JUnit 5, or JUnit 4 through junit-vintage-engine) with"
                    + " maven-surefire-plugin 3.0.0 or newer, or turn the check off with <leakCheck>false</leakCheck>.");
        }
        if (tests == 0) {
            return Verdict.nothing("the test JVM ran no tests: connection leaks not checked.");
        }
        return Verdict.check();
    }
}
