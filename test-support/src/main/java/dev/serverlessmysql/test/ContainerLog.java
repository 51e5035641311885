package dev.serverlessmysql.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * What one simulated container writes during an invocation: its {@code TestContext} logger lines and everything its
 * threads print to {@code System.out} and {@code System.err}, in the order written, as they would interleave in the
 * container's CloudWatch log stream. At most {@link #LIMIT} bytes are kept per invocation.
 */
final class ContainerLog {

    static final int LIMIT = 64 * 1024;

    private ByteArrayOutputStream current;
    private long dropped;

    /** Starts collecting for the next invocation. */
    synchronized void begin() {
        current = new ByteArrayOutputStream();
        dropped = 0;
    }

    /** Adds a line of the simulator's own (such as Lambda's INIT_REPORT) to the current invocation. */
    synchronized void line(String text) {
        if (current != null) {
            byte[] bytes = (text + System.lineSeparator()).getBytes(OutputCapture.CHARSET);
            append(bytes, 0, bytes.length);
        }
    }

    /** Whether an invocation is collecting; writes outside one go to the real output. */
    synchronized boolean append(byte[] bytes, int offset, int length) {
        if (current == null) {
            return false;
        }
        int room = (int) Math.max(0, LIMIT - current.size());
        current.write(bytes, offset, Math.min(room, length));
        dropped += Math.max(0, length - room);
        return true;
    }

    /** Stops collecting and returns what the invocation wrote. */
    synchronized String end() {
        if (current == null) {
            return "";
        }
        String text = current.toString(OutputCapture.CHARSET);
        if (dropped > 0) {
            text += "[... " + dropped + " more bytes not kept]" + System.lineSeparator();
        }
        current = null;
        return text;
    }

    /**
     * Routes {@code System.out} and {@code System.err} by thread: a thread working for a container (its runtime
     * thread, threads that thread started, the caller waiting on it) writes into that container's log; every other
     * thread writes to the real streams, untouched.
     */
    static final class OutputCapture {

        static final Charset CHARSET = charset();

        private static final InheritableThreadLocal<ContainerLog> CURRENT = new InheritableThreadLocal<>();
        private static int installs;
        private static PrintStream realOut;
        private static PrintStream realErr;
        private static PrintStream routedOut;
        private static PrintStream routedErr;

        private OutputCapture() {
        }

        private static Charset charset() {
            String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
            try {
                return name == null ? Charset.defaultCharset() : Charset.forName(name);
            } catch (RuntimeException e) {
                return Charset.defaultCharset();
            }
        }

        /** Puts the routing streams in place; every call needs a matching {@link #uninstall()}. */
        static synchronized void install() {
            if (installs++ == 0) {
                realOut = System.out;
                realErr = System.err;
                routedOut = new PrintStream(new Routed(realOut), true, CHARSET);
                routedErr = new PrintStream(new Routed(realErr), true, CHARSET);
                System.setOut(routedOut);
                System.setErr(routedErr);
            }
        }

        /** Puts the real streams back after the last user, unless someone else replaced ours meanwhile. */
        static synchronized void uninstall() {
            if (installs > 0 && --installs == 0) {
                if (System.out == routedOut) {
                    System.setOut(realOut);
                }
                if (System.err == routedErr) {
                    System.setErr(realErr);
                }
            }
        }

        /** Sends this thread's output (and that of threads it starts) to {@code log}; the returned action undoes it. */
        static Runnable route(ContainerLog log) {
            ContainerLog before = CURRENT.get();
            CURRENT.set(log);
            return () -> {
                if (before == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(before);
                }
            };
        }

        private static final class Routed extends OutputStream {
            private final PrintStream real;

            Routed(PrintStream real) {
                this.real = real;
            }

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                ContainerLog log = CURRENT.get();
                if (log == null || !log.append(bytes, offset, length)) {
                    real.write(bytes, offset, length);
                }
            }

            @Override
            public void flush() throws IOException {
                real.flush();
            }
        }
    }
}
