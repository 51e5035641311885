package com.example.reporting;

public class ReportConfig {

    public int width() {
        return 80;
    }
}
