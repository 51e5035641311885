package dev.serverlessmysql.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The containers of one {@link LambdaSimulator} run and the lifecycle Lambda puts them through: a random idle one
 * takes each invocation, and afterwards it may be frozen or reaped. One lock guards every container.
 */
final class ContainerPool {

    /** A container and the pool's view of it; guarded by the pool's lock. */
    static final class Slot {
        final SimulatedContainer container;
        boolean busy;
        long availableAtNanos;
        boolean reapPending;

        Slot(SimulatedContainer container) {
            this.container = container;
        }
    }

    private final Object lock = new Object();
    private final List<Slot> all = new ArrayList<>();
    private final SplittableRandom random;
    /** Dropped handlers stay reachable until the report is made, so their connections stay open as zombies do. */
    private final List<Object> graveyard = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger reaped = new AtomicInteger();
    private final AtomicInteger freezes = new AtomicInteger();
    private final double reapFraction;
    private final int reapIndex;
    private final double freezeProbability;
    private final Duration freeze;
    private boolean reapDone;

    ContainerPool(int containers, HandlerFactory factory, TestContext.Builder function, Duration initTimeout, long seed,
                  double reapFraction, int reapIndex, double freezeProbability, Duration freeze) {
        for (int i = 0; i < containers; i++) {
            all.add(new Slot(new SimulatedContainer(i + 1, factory, function, initTimeout, graveyard)));
        }
        this.random = new SplittableRandom(seed);
        this.reapFraction = reapFraction;
        this.reapIndex = reapIndex;
        this.freezeProbability = freezeProbability;
        this.freeze = freeze;
    }

    /** Once invocation {@code index} reaches the reap point, drops the share of started containers asked for. */
    void maybeReap(int index) {
        if (reapFraction <= 0 || index < reapIndex) {
            return;
        }
        synchronized (lock) {
            if (reapDone) {
                return;
            }
            reapDone = true;
            List<Slot> started = new ArrayList<>();
            for (Slot s : all) {
                if (s.busy || s.container.isWarm()) {
                    started.add(s);
                }
            }
            int count = (int) Math.round(reapFraction * all.size());
            for (int i = 0; i < count && !started.isEmpty(); i++) {
                Slot victim = started.remove(random.nextInt(started.size()));
                if (victim.busy) {
                    victim.reapPending = true;
                } else {
                    victim.container.reap();
                    reaped.incrementAndGet();
                }
            }
        }
    }

    /** Waits for an idle container that is not frozen, and takes a random one. */
    Slot acquire() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                long now = System.nanoTime();
                List<Slot> idle = new ArrayList<>();
                long soonest = Long.MAX_VALUE;
                for (Slot c : all) {
                    if (!c.busy) {
                        if (c.availableAtNanos - now <= 0) {
                            idle.add(c);
                        } else {
                            soonest = Math.min(soonest, c.availableAtNanos - now);
                        }
                    }
                }
                if (!idle.isEmpty()) {
                    Slot chosen = idle.get(random.nextInt(idle.size()));
                    chosen.busy = true;
                    return chosen;
                }
                long waitMillis = soonest == Long.MAX_VALUE ? 100 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(soonest) + 1);
                lock.wait(waitMillis);
            }
        }
    }

    /** Hands a container back: reaped if a reap waited for it, else perhaps frozen. */
    void release(Slot container, Random local) {
        synchronized (lock) {
            if (container.reapPending) {
                container.reapPending = false;
                container.container.reap();
                reaped.incrementAndGet();
            } else if (freezeProbability > 0 && container.container.isWarm() && local.nextDouble() < freezeProbability) {
                container.availableAtNanos = System.nanoTime() + freeze.toNanos();
                freezes.incrementAndGet();
            }
            container.busy = false;
            lock.notifyAll();
        }
    }

    /** Stops the runtime threads; the handlers themselves are never closed, as Lambda never closes them. */
    void closeContainers() {
        for (Slot s : all) {
            s.container.close();
        }
    }

    void forgetDropped() {
        graveyard.clear();
    }

    int reaped() {
        return reaped.get();
    }

    int freezes() {
        return freezes.get();
    }
}
