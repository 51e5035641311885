package dev.serverlessmysql.leak;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point: installs the tracker and the class transformer, and writes the results
 * when the JVM exits, so that a run whose listener never ran still leaves evidence that the agent was attached.
 */
public final class LeakAgent {

    private LeakAgent() {
    }

    /** Called by the JVM before {@code main}. */
    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /** Called when the agent is loaded into a running JVM. */
    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static synchronized void start(String args, Instrumentation inst) {
        if (LeakTracker.instance() != null) {
            return;
        }
        AgentOptions options = AgentOptions.parse(args);
        LeakTracker tracker = new LeakTracker(options);
        LeakTracker.install(tracker);
        inst.addTransformer(new JdbcTransformer(tracker), false);
        Thread writer = new Thread(tracker::writeResults, "serverless-mysql-leak-results");
        Runtime.getRuntime().addShutdownHook(writer);
    }
}
