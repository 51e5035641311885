package dev.serverlessmysql.leak;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Tells the agent which test is running. Registered through {@code META-INF/services} of the agent jar, which the
 * {@code -javaagent} option puts on the test JVM's class path. Does nothing when the agent is not attached.
 */
public final class LeakListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        LeakTracker t = LeakTracker.instance();
        if (t != null) {
            t.listenerActive();
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        LeakTracker t = LeakTracker.instance();
        if (t == null) {
            return;
        }
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            t.started(id.getUniqueId(), m.getClassName(), m.getMethodName(), id.getDisplayName(), id.isTest());
        } else if (source instanceof ClassSource c) {
            t.started(id.getUniqueId(), c.getClassName(), null, id.getDisplayName(), id.isTest());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        LeakTracker t = LeakTracker.instance();
        if (t != null) {
            t.finished(id.getUniqueId());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        LeakTracker t = LeakTracker.instance();
        if (t != null) {
            t.planFinished();
            t.writeResults();
        }
    }
}
