package dev.serverlessmysql.test;

import java.util.List;

/** One execution environment of a {@link LambdaSimulator} run; guarded by its {@link ContainerPool}'s lock. */
final class SimulatedContainer {

    final int slot;
    int generation;
    Object handler;
    LambdaInvoker invoker;
    boolean busy;
    long availableAtNanos;
    boolean reapPending;

    SimulatedContainer(int slot) {
        this.slot = slot;
    }

    String id() {
        return "c" + slot + (generation > 0 ? "#" + (generation + 1) : "");
    }

    /** Drops the handler instance as Lambda drops an environment: no close, no shutdown hook. */
    void drop(List<Object> graveyard) {
        if (handler != null) {
            graveyard.add(handler);
        }
        handler = null;
        if (invoker != null) {
            invoker.close();
            invoker = null;
        }
        generation++;
    }
}
