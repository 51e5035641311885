package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatioTest {

    @Test
    void meetsIsExact() {
        assertTrue(Ratio.meets(8, 10, new BigDecimal("0.8")));
        assertFalse(Ratio.meets(79999, 100000, new BigDecimal("0.8")));
        assertTrue(Ratio.meets(2, 3, new BigDecimal("0.66")));
        assertFalse(Ratio.meets(2, 3, new BigDecimal("0.67")));
        assertTrue(Ratio.meets(0, 0, BigDecimal.ONE));
    }

    @Test
    void actualIsNeverRoundedUp() {
        // issue 18: "91.31% (21/23)" and "9.10% (2/22)" were rounded up
        assertEquals("91.30%", Ratio.percent(21, 23, null));
        assertEquals("9.09%", Ratio.percent(2, 22, null));
        assertEquals("66.66%", Ratio.percent(2, 3, null));
        assertEquals("45.45%", Ratio.percent(5, 11, null));
        assertEquals("100.00%", Ratio.percent(1, 1, null));
        assertEquals("91.30%", Ratio.percent(21, 23, new BigDecimal("0.9131")));
        assertEquals("91.30% (21/23)", Ratio.describe(21, 23, new BigDecimal("0.9131")));
    }

    @Test
    void aValueThatMeetsTheMinimumIsNeverShownBelowIt() {
        assertEquals("80.006%", Ratio.percent(80006, 100000, new BigDecimal("0.80005")));
        assertEquals("80.005%", Ratio.percent(new BigDecimal("0.80005")));
        assertEquals("80.00%", Ratio.percent(80004, 100000, new BigDecimal("0.8")));
    }

    @Test
    void actualJustBelowTheMinimumIsNeverShownAsReachingIt() {
        // 79.996% would print as 80.00% with two decimals
        assertEquals("79.99%", Ratio.percent(79996, 100000, new BigDecimal("0.8")));
        assertEquals("79.99%", Ratio.percent(799999, 1000000, new BigDecimal("0.8")));
    }

    @Test
    void gapAndMissingItems() {
        assertEquals("-5.00 pp", Ratio.gap(15, 20, new BigDecimal("0.8")));
        assertEquals(1, Ratio.missing(15, 20, new BigDecimal("0.8")));
        assertEquals(3, Ratio.missing(5, 11, new BigDecimal("0.66666")));
        assertEquals("0", Ratio.gap(20, 20, new BigDecimal("0.8")));
        assertEquals("66.67%", Ratio.percent(Ratio.of(2, 3)));
        assertEquals("80%", Ratio.percent(new BigDecimal("0.80")));
        assertEquals("72.5%", Ratio.percent(new BigDecimal("0.725")));
    }

    @Test
    void crossMultiplicationComparesBaselines() {
        assertTrue(Ratio.atLeast(2, 3, 4, 6));
        assertFalse(Ratio.atLeast(5, 11, 8, 12));
    }
}
