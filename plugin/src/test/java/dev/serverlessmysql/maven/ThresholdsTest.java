package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void acceptsRatiosAndPercentages() {
        assertEquals(0, new BigDecimal("0.8").compareTo(Thresholds.parse("0.80", "x")));
        assertEquals(0, new BigDecimal("0.8").compareTo(Thresholds.parse(".8", "x")));
        assertEquals(0, new BigDecimal("0.8").compareTo(Thresholds.parse("80%", "x")));
        assertEquals(0, new BigDecimal("0.725").compareTo(Thresholds.parse(" 72.5 % ", "x")));
        assertNull(Thresholds.parse("  ", "x"));
    }

    @Test
    void rejectsNonsenseWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.parse("80", "<coverage>.line"));
        assertTrue(e.getMessage().contains("80%"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("abc", "x"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("-0.1", "x"));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.parse("120%", "x"));
    }

    @Test
    void coverageElementFillsEveryCounter() {
        Coverage c = new Coverage();
        c.setLine("0.8");
        c.setBranch("70%");
        c.setInstruction("0.5");
        c.setMethod("0.6");
        c.setComplexity("0.4");
        assertEquals(5, c.toThresholds("<coverage>").minimums().size());
    }

    @Test
    void handlerLimitsOnlyTighten() {
        Thresholds perClass = new Thresholds().set(Counter.LINE, "0.9", "c").set(Counter.BRANCH, "0.5", "c");
        Thresholds handlers = new Thresholds().set(Counter.LINE, "0.8", "h").set(Counter.METHOD, "1", "h");
        Thresholds s = CoverageRules.stricter(perClass, handlers);
        assertEquals(0, new BigDecimal("0.9").compareTo(s.minimums().get(Counter.LINE)));
        assertEquals(0, new BigDecimal("0.5").compareTo(s.minimums().get(Counter.BRANCH)));
        assertEquals(0, BigDecimal.ONE.compareTo(s.minimums().get(Counter.METHOD)));
    }
}
