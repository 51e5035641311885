package dev.serverlessmysql.maven;

/**
 * Coverage of only the lines added or changed since a git base, in the POM form
 * {@code <changedLines><base>origin/main</base><line>0.80</line></changedLines>}.
 */
public final class ChangedLines {

    private String base;
    private String line;

    /** The git revision to diff against, e.g. {@code origin/main}. */
    public void setBase(String base) {
        this.base = base;
    }

    /** Minimum share of covered changed lines, as 0.80 or 80%. */
    public void setLine(String line) {
        this.line = line;
    }

    /** The validated rule, diffing in {@code workDir}. */
    LineDiff.Rule toRule(java.nio.file.Path workDir) {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("<changedLines> needs a <base>, the git revision to compare with,"
                    + " e.g. <base>origin/main</base>.");
        }
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("<changedLines> needs a <line> minimum, e.g. <line>0.80</line>.");
        }
        return new LineDiff.Rule(base.trim(), Thresholds.parse(line, "<changedLines><line>"), workDir);
    }
}
