package dev.serverlessmysql.chaos;

import dev.serverlessmysql.ServerlessMysql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the handlers saw, recorded from every container at once: invocations attempted, transfers acknowledged (with
 * when their invocation began and when the commit returned), failures with their time, and every client built.
 */
final class Outcomes {

    /** An invocation that failed: when it began and when its error reached the handler, in nanoTime. */
    record Failure(int transfer, long startedNanos, long failedNanos, String error) {
    }

    /** An acknowledged transfer: when its invocation began and when the client reported the commit. */
    record Ack(long startedNanos, long ackedNanos) {
    }

    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger retriedAfterLoss = new AtomicInteger();
    private final AtomicInteger confirmedByLedger = new AtomicInteger();
    private final AtomicInteger deadlocks = new AtomicInteger();
    private final Map<Integer, Ack> acks = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<ServerlessMysql> clients = new CopyOnWriteArrayList<>();

    void attempted() {
        attempted.incrementAndGet();
    }

    void acknowledged(int transfer, long startedNanos) {
        acks.put(transfer, new Ack(startedNanos, System.nanoTime()));
    }

    void confirmedByLedger() {
        confirmedByLedger.incrementAndGet();
    }

    void retriedAfterLoss() {
        retriedAfterLoss.incrementAndGet();
    }

    void deadlock() {
        deadlocks.incrementAndGet();
    }

    void failed(int transfer, long startedNanos, Throwable error) {
        // the client says why it gave up retrying in a suppressed exception: the audit shows it with the error
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable why : error.getSuppressed()) {
            text.append(" (").append(why.getMessage()).append(')');
        }
        failures.add(new Failure(transfer, startedNanos, System.nanoTime(), text.toString()));
    }

    void built(ServerlessMysql client) {
        clients.add(client);
    }

    int attemptedCount() {
        return attempted.get();
    }

    int retriedAfterLossCount() {
        return retriedAfterLoss.get();
    }

    int confirmedByLedgerCount() {
        return confirmedByLedger.get();
    }

    int deadlockCount() {
        return deadlocks.get();
    }

    Map<Integer, Ack> acks() {
        return Map.copyOf(acks);
    }

    List<Failure> failures() {
        return new ArrayList<>(failures);
    }

    List<ServerlessMysql> clients() {
        return new ArrayList<>(clients);
    }
}
