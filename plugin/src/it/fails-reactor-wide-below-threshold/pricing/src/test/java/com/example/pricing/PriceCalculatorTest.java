package com.example.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PriceCalculatorTest {

    @Test
    void totals() {
        assertEquals(600, new PriceCalculator().total(200, 3));
    }
}
