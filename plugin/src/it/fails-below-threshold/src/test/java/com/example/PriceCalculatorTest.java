package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PriceCalculatorTest {

    @Test
    void totals() {
        assertEquals(600, new PriceCalculator().total(200, 3));
    }

    @Test
    void discounts() {
        assertEquals(90, new PriceCalculator().discounted(100, 10));
    }
}
