package com.example;

public class PriceCalculator {

    public long total(long unitCents, int quantity) {
        return unitCents * quantity;
    }

    public long discounted(long cents, int percent) {
        if (percent <= 0) {
            return cents;
        }
        if (percent >= 100) {
            return 0;
        }
        return cents - cents * percent / 100;
    }
}
