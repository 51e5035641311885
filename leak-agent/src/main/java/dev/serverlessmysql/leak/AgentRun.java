package dev.serverlessmysql.leak;

import java.util.List;

/**
 * What the agent saw in one test JVM.
 *
 * @param pid the test JVM's process id
 * @param listenerActive whether the JUnit Platform listener ran, so that connections could be tied to tests
 * @param testsObserved how many tests (methods and classes) ran under the listener
 * @param userConnections connections opened by user code during tests
 * @param clientConnections connections opened by a client
 * @param poolConnections connections opened by pools for themselves (not checked)
 * @param infrastructureConnections connections opened by test infrastructure (not checked)
 * @param outsideTests connections opened by user code while no test ran, e.g. in static initialisers
 * @param violations the findings
 */
public record AgentRun(long pid, boolean listenerActive, int testsObserved, long userConnections,
        long clientConnections, long poolConnections, long infrastructureConnections, long outsideTests,
        List<LeakViolation> violations) {
}
