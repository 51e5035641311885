package com.example.pricing;

public class PriceCalculator {

    public long total(long unitPrice, int quantity) {
        return unitPrice * quantity;
    }
}
