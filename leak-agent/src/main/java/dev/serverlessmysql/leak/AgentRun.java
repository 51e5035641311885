package dev.serverlessmysql.leak;

import java.util.List;
import java.util.Map;

/**
 * What the agent saw in one test JVM. Counts of connections are physical connections (sessions on the server),
 * by who made them, so that a client's connections count alike whether it was used directly or through its
 * {@code dataSource()}.
 *
 * @param pid the test JVM's process id
 * @param listenerActive whether the JUnit Platform listener ran, so that connections could be tied to tests
 * @param testsObserved how many tests ran under the listener (tests, not the classes and other containers holding them)
 * @param borrows connections user code got at its own call sites during tests (from a pool, a driver or a client)
 * @param userConnections physical connections made for the test code during tests
 * @param mainConnections physical connections made for the module's main code (a handler, a DAO) during tests
 * @param clientConnections physical connections made by clients
 * @param poolConnections physical connections made by pools
 * @param infrastructureConnections physical connections made by test infrastructure (not checked)
 * @param outsideTests physical connections made for user code while no test ran, e.g. in static initialisers
 * @param problems instrumentation and hook failures, each "where: why"; any of them makes the check fail closed
 * @param patterns every configured class pattern ({@code clients:com.example.Db}) and whether a loaded class
 *     matched it
 * @param violations the findings
 */
public record AgentRun(long pid, boolean listenerActive, int testsObserved, long borrows, long userConnections,
        long mainConnections, long clientConnections, long poolConnections, long infrastructureConnections, long outsideTests,
        List<String> problems, Map<String, Boolean> patterns, List<LeakViolation> violations) {
}
