package com.example;

public class Untested {

    public String describe(int n) {
        if (n > 10) {
            return "many";
        }
        return "few";
    }
}
