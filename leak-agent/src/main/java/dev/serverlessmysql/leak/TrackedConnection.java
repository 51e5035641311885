package dev.serverlessmysql.leak;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection handed to user code or a client, with where it was asked for: a call site known at class load, or
 * the frames of a stack walk.
 */
final class TrackedConnection {

    final Connection connection;
    final String thread;
    private final CallSite site;
    private final List<StackWalker.StackFrame> stack;
    private List<Frame> frames;

    TrackedConnection(Connection connection, CallSite site, String thread) {
        this.connection = connection;
        this.site = site;
        this.stack = List.of();
        this.thread = thread;
    }

    TrackedConnection(Connection connection, List<StackWalker.StackFrame> stack, String thread) {
        this.connection = connection;
        this.site = null;
        this.stack = stack;
        this.thread = thread;
    }

    /** File names and line numbers of walked frames are read here, only for connections that are reported. */
    List<Frame> frames() {
        if (frames == null) {
            if (site != null) {
                frames = List.of(site.frame());
            } else {
                List<Frame> list = new ArrayList<>(stack.size());
                for (StackWalker.StackFrame f : stack) {
                    list.add(new Frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()));
                }
                frames = list;
            }
        }
        return frames;
    }

    Frame opener() {
        List<Frame> f = frames();
        return f.isEmpty() ? null : f.get(0);
    }

    String site() {
        Frame o = opener();
        return o == null ? "" : o.toString();
    }

    /** The Lambda handler class that asked for the connection, or {@code null}. */
    String handler() {
        if (site != null) {
            return site.handler();
        }
        for (StackWalker.StackFrame f : stack) {
            if (LeakTracker.isHandler(f.getDeclaringClass())) {
                return f.getClassName();
            }
        }
        return null;
    }

    boolean isClosed() {
        try {
            return connection.isClosed();
        } catch (Throwable e) {
            return true;
        }
    }
}
