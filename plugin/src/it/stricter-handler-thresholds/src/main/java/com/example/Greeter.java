package com.example;

public class Greeter {

    public String greet(String name) {
        String trimmed = name.trim();
        String greeting = "hello, " + trimmed;
        return greeting;
    }

    public String shout(String name) {
        return greet(name).toUpperCase(java.util.Locale.ROOT);
    }
}
