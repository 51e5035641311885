package com.example.reporting;

public class ReportFormatter {

    public String header(String title) {
        String line = "=".repeat(title.length());
        return title + "\n" + line;
    }

    public String row(String name, long cents) {
        long euros = cents / 100;
        long rest = cents % 100;
        return name + ": " + euros + "." + (rest < 10 ? "0" : "") + rest;
    }
}
