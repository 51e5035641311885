package dev.serverlessmysql.test.handlers.shared;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared with the test JVM (the tests say {@code share(...)}): what handlers inside containers report outwards. */
public final class Probe {

    /** Init attempts of {@code FlakyInitHandler}, across containers. */
    public static final AtomicInteger INIT_ATTEMPTS = new AtomicInteger();
    /** One entry per invocation: the container's class loader identity and the static counter it saw. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private Probe() {
    }
}
