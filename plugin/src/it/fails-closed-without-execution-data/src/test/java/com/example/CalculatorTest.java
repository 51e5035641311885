package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalculatorTest {

    @Test
    void adds() {
        assertEquals(5, new Calculator().add(2, 3));
    }

    @Test
    void clamps() {
        assertEquals(3, new Calculator().clamp(7, 3));
        assertEquals(2, new Calculator().clamp(2, 3));
    }
}
