package dev.serverlessmysql.test.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface that forwards every connection to a target server and injects network
 * faults on demand: a black hole, latency, resets, refused connects and a change of route for new connections.
 * Every thread it starts is a daemon thread named {@value #THREAD_PREFIX}..., and {@link #close()} ends them all.
 * Internal: tests use {@link dev.serverlessmysql.test.NetworkFaults}.
 */
public final class TcpProxy implements AutoCloseable {

    /** The name prefix of every thread a proxy starts. */
    public static final String THREAD_PREFIX = "serverless-mysql-proxy-";

    /** IPv4 loopback by number: getLoopbackAddress() may answer ::1, which a JDBC URL cannot carry unbracketed. */
    private static final InetAddress LOOPBACK = loopback();
    private static final int BACKLOG = 128;
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(2);
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 100;
    /** How far below the kernel's ephemeral range the proxy looks for a port (see {@link #bindFresh()}). */
    private static final int BELOW_EPHEMERAL = 10_000;

    private final String name;
    private final int port;
    private final FaultState faults = new FaultState();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile InetSocketAddress target;
    private ServerSocket listener;
    private Thread acceptor;
    /** Read by the acceptor without the lock, which it never takes: refuseNew() and close() join it while holding it. */
    private volatile boolean closed;

    private TcpProxy(String name, ServerSocket listener, InetSocketAddress target) {
        this.name = name;
        this.listener = listener;
        this.port = listener.getLocalPort();
        this.target = target;
    }

    /** Starts a proxy on a free loopback port that forwards to {@code target}; {@code name} goes into thread names. */
    public static TcpProxy start(String name, InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        TcpProxy proxy = new TcpProxy(name, bindFresh(), target);
        synchronized (proxy) {
            proxy.startAcceptor();
        }
        return proxy;
    }

    /** The address clients connect to: always the loopback address. */
    public String host() {
        return LOOPBACK.getHostAddress();
    }

    /** The port clients connect to; it stays the same for the proxy's life, across {@link #refuseNew()}. */
    public int port() {
        return port;
    }

    /** Where new connections go. */
    public InetSocketAddress target() {
        return target;
    }

    /** Sends connections accepted from now on to {@code newTarget}; connections already open stay where they are. */
    public void routeTo(InetSocketAddress newTarget) {
        target = Objects.requireNonNull(newTarget, "newTarget");
    }

    /**
     * Stops forwarding anything, in both directions, on open and new connections alike, without closing or resetting
     * any: new connects are accepted (the kernel completes the TCP handshake) and then hear nothing, and a peer's
     * FIN or RST is swallowed too. When this returns, no further byte gets through until {@link #heal()}.
     */
    public void blackhole() {
        faults.blackhole(SETTLE);
    }

    /** Delays every chunk by {@code latency} after it arrived, in each direction; {@link Duration#ZERO} removes it. */
    public void latency(Duration latency) {
        if (Objects.requireNonNull(latency, "latency").isNegative()) {
            throw new IllegalArgumentException("A latency cannot be negative: " + latency);
        }
        faults.latency(latency);
    }

    /** Ends every open connection at once with a TCP reset (RST) on both sides; new connections work as before. */
    public void resetConnections() {
        for (Link link : List.copyOf(links)) {
            link.abort();
        }
    }

    /**
     * Closes the listening socket, so that new connects are refused (ECONNREFUSED) while open connections go on;
     * {@link #heal()} listens again on the same port.
     */
    public synchronized void refuseNew() {
        if (closed || listener == null) {
            return;
        }
        closeListener();
    }

    /** Lifts every fault: no black hole, no latency, new connections accepted again. The route stays as it is. */
    public void heal() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The proxy " + this + " is closed.");
            }
            if (listener == null) {
                rebind();
                startAcceptor();
            }
        }
        faults.heal();
    }

    /** Whether bytes are being held back by {@link #blackhole()}. */
    public boolean isBlackholed() {
        return faults.isBlackholed();
    }

    /** Whether new connects are refused since {@link #refuseNew()}. */
    public synchronized boolean isRefusing() {
        return listener == null;
    }

    /** The latency set by {@link #latency(Duration)}. */
    public Duration latency() {
        return faults.latency();
    }

    /** The connections open through the proxy now. */
    public int openConnections() {
        return links.size();
    }

    /** Closes the listener and every connection (with a reset), and waits until every thread of the proxy ended. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeListener();
        }
        faults.close();
        resetConnections();
        long deadline = System.nanoTime() + CLOSE_PATIENCE.toNanos();
        try {
            for (Thread t : List.copyOf(threads)) {
                t.interrupt();
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("The proxy " + this + " could not end its threads within "
                    + CLOSE_PATIENCE.toSeconds() + " s: " + alive);
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[" + name + " " + host() + ":" + port + " -> " + target.getHostString() + ":" + target.getPort() + "]";
    }

    private void startAcceptor() {
        ServerSocket socket = listener;
        acceptor = startThread(THREAD_PREFIX + name + "-" + port + "-accept", () -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // the listener was closed: refuseNew() or close()
            }
            InetSocketAddress route = target;
            Link link = new Link(THREAD_PREFIX + name + "-" + port + "-" + accepted.incrementAndGet(), client, route, faults,
                    this::startThread, links::remove);
            links.add(link);
            if (closed) {
                // close() may have taken its snapshot of the links before this one was added
                link.abort();
                return;
            }
            link.start();
        }
    }

    private Thread startThread(String threadName, Runnable body) {
        // ended threads are dropped here rather than by themselves, so that close() can join every one to its end
        threads.removeIf(old -> !old.isAlive());
        Thread t = new Thread(body, threadName);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private void closeListener() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // a listener that cannot be closed is closed as far as the kernel goes
        }
        listener = null;
        Thread t = acceptor;
        acceptor = null;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_PATIENCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void rebind() {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            try {
                listener = bind(port);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The proxy " + this + " could not listen on port " + port
                            + " again: another process took it while new connections were refused (" + e.getMessage()
                            + "). Run the test again; if it keeps happening, keep the refusal short.", e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the proxy " + this + " tried to listen again", interrupted);
                }
            }
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // accepted connections keep the port busy; without this, listening there again after refuseNew() fails
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Binds a port just below the kernel's ephemeral range, where no outgoing connection and no {@code bind(0)} of
     * another process lands, so that the port is still free when {@link #heal()} listens on it again after
     * {@link #refuseNew()}. Falls back to any free port when the range is unknown.
     */
    private static ServerSocket bindFresh() {
        int low = ephemeralLow();
        if (low - BELOW_EPHEMERAL >= 1024) {
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                try {
                    return bind(ThreadLocalRandom.current().nextInt(low - BELOW_EPHEMERAL, low));
                } catch (BindException taken) {
                    // someone listens there: try another
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            return bind(0);
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK + " for a proxy", e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is always a valid address", e);
        }
    }

    private static int ephemeralLow() {
        try {
            // readAllLines, not readString: files under /proc report a size of 0, and readString trusts it
            String[] range = String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or not readable: any free port will do
        }
    }
}
