package dev.serverlessmysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adaptive rule for how long end() trusts a reading of the used count and of the limits. */
class UsageRuleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aReadingCloseToTheThresholdIsNeverTrusted() {
        UsageRule rule = new UsageRule(0.8, 10 * SECOND, 15 * SECOND, 1);
        // threshold 16 of 20; close from 0.9 of it, 14.4
        assertEquals(0, rule.usedTtl(15, 20));
        assertEquals(0, rule.usedTtl(16, 20));
        assertEquals(0, rule.usedTtl(20, 20));
        assertTrue(rule.usedTtl(14, 20) > 0, "14 of 20 is below the close band");
    }

    @Test
    void theFurtherBelowTheThresholdTheLongerAReadingIsTrustedWithinHalfAndOneAndAHalfTimes() {
        UsageRule rule = new UsageRule(0.8, 10 * SECOND, 15 * SECOND, 2);
        for (int i = 0; i < 1000; i++) {
            long idle = rule.usedTtl(0, 20);
            assertTrue(idle >= 5 * SECOND && idle < 15 * SECOND, Long.toString(idle));
            long half = rule.usedTtl(8, 20);
            assertTrue(half >= 2.5 * SECOND && half < 7.5 * SECOND, "half of the threshold: " + half);
        }
    }

    @Test
    void zeroFrequencyOrAnUnknownLimitReadsAtEveryEnd() {
        assertEquals(0, new UsageRule(0.8, 0, 15 * SECOND, 3).usedTtl(0, 20));
        assertEquals(0, new UsageRule(0.8, 10 * SECOND, 15 * SECOND, 3).usedTtl(0, 0));
        assertEquals(0, new UsageRule(0.8, 10 * SECOND, 0, 3).limitsTtl());
    }

    @Test
    void limitsAreTrustedForThreeQuartersToFiveQuartersOfMaxConnsFreq() {
        UsageRule rule = new UsageRule(0.8, 10 * SECOND, 16 * SECOND, 4);
        for (int i = 0; i < 1000; i++) {
            long ttl = rule.limitsTtl();
            assertTrue(ttl >= 12 * SECOND && ttl < 20 * SECOND, Long.toString(ttl));
        }
    }

    @Test
    void containersDoNotReadInLockstepAndAReseedDrawsAfresh() {
        Set<Long> expiries = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            expiries.add(new UsageRule(0.8, 10 * SECOND, 15 * SECOND, seed).usedTtl(2, 20));
        }
        assertTrue(expiries.size() > 45, "fifty containers, " + expiries.size() + " distinct expiries");
        UsageRule a = new UsageRule(0.8, 10 * SECOND, 15 * SECOND, 7);
        UsageRule b = new UsageRule(0.8, 10 * SECOND, 15 * SECOND, 7);
        assertEquals(a.usedTtl(2, 20), b.usedTtl(2, 20), "a restored snapshot draws what the original drew");
        b.reseed(8);
        assertNotEquals(a.usedTtl(2, 20), b.usedTtl(2, 20), "unless it is reseeded after the restore");
    }
}
