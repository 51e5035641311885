package dev.serverlessmysql.test.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny server that greets each connection with its name (as a MySQL server speaks first) and then echoes bytes. */
final class EchoServer implements AutoCloseable {

    private final String name;
    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    EchoServer(String name) throws IOException {
        this.name = name;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "echo-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Connections this server accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Errors its connections saw, such as a reset. */
    List<String> errors() {
        return errors;
    }

    /** Closes every accepted connection from the server's side, with a FIN. */
    void closeConnections() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
    }

    private void accept() {
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            accepted.add(s);
            Thread t = new Thread(() -> echo(s), "echo-" + name + "-" + connections.get());
            t.setDaemon(true);
            t.start();
        }
    }

    private void echo(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write((name + ">").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (!s.isClosed()) {
                errors.add(e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        closeConnections();
    }
}
