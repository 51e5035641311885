package dev.serverlessmysql.test.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One accepted client connection and its connection to the server it was routed to when it was accepted (as a client
 * keeps the address it resolved). The upstream connect itself waits out a black hole, so not even a SYN gets through.
 */
final class Link {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final Socket client;
    private final InetSocketAddress target;
    private final FaultState faults;
    private final Threads threads;
    private final Consumer<Link> onClosed;
    private final Socket upstream = new Socket();
    private final List<Thread> own = new CopyOnWriteArrayList<>();
    private final AtomicInteger endsDelivered = new AtomicInteger();
    private volatile boolean closed;

    /** Starts and tracks the proxy's threads. */
    interface Threads {
        Thread start(String name, Runnable body);
    }

    Link(String name, Socket client, InetSocketAddress target, FaultState faults, Threads threads, Consumer<Link> onClosed) {
        this.name = name;
        this.client = client;
        this.target = target;
        this.faults = faults;
        this.threads = threads;
        this.onClosed = onClosed;
    }

    void start() {
        own.add(threads.start(name + "-up", this::connectAndForward));
    }

    InetSocketAddress target() {
        return target;
    }

    boolean isClosed() {
        return closed;
    }

    private void connectAndForward() {
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            if (!faults.awaitOpen()) {
                abort();
                return;
            }
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            // the server refused or is gone: the client sees a reset, the nearest a proxy can get to a refusal
            abort();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            return;
        }
        Pipe up = new Pipe(client, upstream, faults, this);
        Pipe down = new Pipe(upstream, client, faults, this);
        synchronized (this) {
            // under the lock that close() takes first, so that a closed link never starts threads nobody would end
            if (closed) {
                return;
            }
            own.add(threads.start(name + "-up-write", up::write));
            own.add(threads.start(name + "-down", down::read));
            own.add(threads.start(name + "-down-write", down::write));
        }
        up.read();
    }

    /** One direction delivered the end of its stream; when both have, the connection closed cleanly. */
    void ended() {
        if (endsDelivered.incrementAndGet() == 2) {
            close(false);
        }
    }

    /** Ends both sides at once with a reset (RST), as a dropped NAT mapping or a killed peer does. */
    void abort() {
        close(true);
    }

    private void close(boolean reset) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(client, reset);
        closeQuietly(upstream, reset);
        interruptAll();
        onClosed.accept(this);
    }

    private void interruptAll() {
        for (Thread t : own) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
    }

    private static void closeQuietly(Socket socket, boolean reset) {
        try {
            if (reset && !socket.isClosed()) {
                // linger 0 makes close() send RST instead of FIN
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // not connected yet: closing is all there is to do
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing a dead socket cannot fail in a way that matters
        }
    }

    @Override
    public String toString() {
        return name + " to " + target;
    }
}
