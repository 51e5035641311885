package dev.serverlessmysql.test.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One direction of a proxied connection: a reader thread that stamps each chunk with the time it arrived, and a writer
 * thread that forwards it once the faults allow. Everything the far side sees goes through the same gate: data, the
 * end of the stream and a reset, so a black hole also swallows a peer's FIN or RST.
 */
final class Pipe {

    private static final int CHUNK_BYTES = 32 * 1024;
    private static final int QUEUED_CHUNKS = 32;

    private enum Kind { DATA, END, RESET }

    private record Chunk(Kind kind, byte[] bytes, long readAtNanos) {
    }

    private final Socket from;
    private final Socket to;
    private final FaultState faults;
    private final Link link;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);

    Pipe(Socket from, Socket to, FaultState faults, Link link) {
        this.from = from;
        this.to = to;
        this.faults = faults;
        this.link = link;
    }

    /** The reader's loop: reads nothing while the path is black-holed, as a fenced peer's packets never arrive. */
    void read() {
        byte[] buffer = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            while (faults.awaitOpen()) {
                int n = in.read(buffer);
                long at = System.nanoTime();
                if (n < 0) {
                    queue.put(new Chunk(Kind.END, null, at));
                    return;
                }
                queue.put(new Chunk(Kind.DATA, Arrays.copyOf(buffer, n), at));
            }
        } catch (IOException e) {
            if (!link.isClosed()) {
                try {
                    queue.put(new Chunk(Kind.RESET, null, System.nanoTime()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (InterruptedException e) {
            // the link was closed while this thread waited
            Thread.currentThread().interrupt();
        }
    }

    /** The writer's loop: forwards each chunk when the gate opens and its latency is served. */
    void write() {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                if (!faults.beginForward(chunk.readAtNanos())) {
                    return;
                }
                try {
                    switch (chunk.kind()) {
                        case DATA -> out.write(chunk.bytes());
                        case END -> {
                            to.shutdownOutput();
                            link.ended();
                            return;
                        }
                        case RESET -> {
                            link.abort();
                            return;
                        }
                    }
                } finally {
                    faults.endForward();
                }
            }
        } catch (IOException e) {
            link.abort();
        } catch (InterruptedException e) {
            // the link was closed while this thread waited
            Thread.currentThread().interrupt();
        }
    }
}
