package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalculatorTest {

    @Test
    void arithmetic() {
        Calculator c = new Calculator();
        assertEquals(5, c.add(2, 3));
        assertEquals(6, c.multiply(2, 3));
        assertEquals(-1, c.subtract(2, 3));
        assertEquals(-2, c.negate(2));
    }
}
