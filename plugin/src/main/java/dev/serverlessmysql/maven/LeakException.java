package dev.serverlessmysql.maven;

/**
 * A test or package whose leaks are accepted, with the reason. POM form:
 * {@code <leakException><test>com.example.LegacyDaoTest#bulkLoad</test><reason>...</reason></leakException>} or
 * {@code <leakException><package>com.example.legacy</package><reason>...</reason></leakException>}.
 * A test without {@code #method} covers all its methods; class names take the same globs as excludes.
 */
public final class LeakException {

    private String test;
    private String pkg;
    private String reason;

    /** For the POM. */
    public LeakException() {
    }

    /** An exception for a test or a package, with its reason. */
    public LeakException(String test, String pkg, String reason) {
        this.test = test;
        this.pkg = pkg;
        this.reason = reason;
    }

    /** The test, {@code com.example.FooTest} or {@code com.example.FooTest#method}; globs as for excludes. */
    public void setTest(String test) {
        this.test = test;
    }

    /** A package whose tests, or whose code opening the connection, may leak; subpackages included. */
    public void setPackage(String pkg) {
        this.pkg = pkg;
    }

    /** Why the leak is acceptable; required. */
    public void setReason(String reason) {
        this.reason = reason;
    }

    /** The test pattern, or {@code null}. */
    public String getTest() {
        return blankToNull(test);
    }

    /** The package, or {@code null}. */
    public String getPackage() {
        return blankToNull(pkg);
    }

    /** The reason, or {@code null} when missing. */
    public String getReason() {
        return blankToNull(reason);
    }

    /** {@code test com.example.FooTest#bar} or {@code package com.example.legacy}. */
    public String describe() {
        return getTest() != null ? "test " + getTest() : "package " + getPackage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
