package dev.serverlessmysql;

import java.util.SplittableRandom;

/**
 * How long {@code end()} trusts its last reading of the used-connections count and of the limits: the adaptive rule.
 * <ul>
 *   <li>A reading at or above {@link #CLOSE_SHARE} of the threshold ({@code connUtilization} of the limit) is close
 *       to it: the next {@code end()} reads again.</li>
 *   <li>Below, the reading is trusted for {@code usedConnsFreq} scaled by the room left below the threshold (the
 *       full period on an idle server, a tenth of it just below the close band), times a random factor in
 *       [0.5, 1.5), so that containers started together do not read in lockstep.</li>
 *   <li>The caller reads again, whatever the rule says, after a connect that met "no room".</li>
 * </ul>
 * {@code usedConnsFreq} 0 reads at every {@code end()}, as serverless-mysql does. The limits are trusted for
 * {@code maxConnsFreq} times a random factor in [0.75, 1.25). Not thread-safe: it runs under the client's lock.
 */
final class UsageRule {

    /** The share of the threshold from which a reading counts as close to it. */
    static final double CLOSE_SHARE = 0.9;

    private final double connUtilization;
    private final long usedFreqNanos;
    private final long limitsFreqNanos;
    private SplittableRandom random;

    UsageRule(double connUtilization, long usedFreqNanos, long limitsFreqNanos, long seed) {
        this.connUtilization = connUtilization;
        this.usedFreqNanos = usedFreqNanos;
        this.limitsFreqNanos = limitsFreqNanos;
        this.random = new SplittableRandom(seed);
    }

    /** Nanoseconds for which a reading of {@code used} against {@code limit} may be trusted; 0 to read again next time. */
    long usedTtl(int used, int limit) {
        if (usedFreqNanos == 0 || limit <= 0) {
            return 0;
        }
        double share = used / (limit * connUtilization);
        if (share >= CLOSE_SHARE) {
            return 0;
        }
        return (long) (usedFreqNanos * (1 - share) * (0.5 + random.nextDouble()));
    }

    /** Nanoseconds for which the limits may be trusted. */
    long limitsTtl() {
        return limitsFreqNanos == 0 ? 0 : (long) (limitsFreqNanos * (0.75 + random.nextDouble() / 2));
    }

    /**
     * Draws new random numbers from {@code seed}: after a SnapStart restore every copy of the snapshot would
     * otherwise draw the same ones.
     */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }
}
