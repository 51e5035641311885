package dev.serverlessmysql.maven;

/**
 * Minimum coverage in the simple POM form {@code <line>0.80</line><branch>0.70</branch>}; also takes
 * {@code instruction}, {@code method} and {@code complexity}, as ratios (0.80) or percentages (80%).
 */
public final class Coverage {

    private String line;
    private String branch;
    private String instruction;
    private String method;
    private String complexity;

    /** Minimum share of covered lines, as 0.80 or 80%. */
    public void setLine(String line) {
        this.line = line;
    }

    /** Minimum share of covered branches, as 0.80 or 80%. */
    public void setBranch(String branch) {
        this.branch = branch;
    }

    /** Minimum share of covered bytecode instructions, as 0.80 or 80%. */
    public void setInstruction(String instruction) {
        this.instruction = instruction;
    }

    /** Minimum share of covered methods, as 0.80 or 80%. */
    public void setMethod(String method) {
        this.method = method;
    }

    /** Minimum share of covered cyclomatic complexity paths, as 0.80 or 80%. */
    public void setComplexity(String complexity) {
        this.complexity = complexity;
    }

    /** The minimums, with {@code where} naming the POM element in error messages. */
    public Thresholds toThresholds(String where) {
        return new Thresholds()
                .set(Counter.LINE, line, where)
                .set(Counter.BRANCH, branch, where)
                .set(Counter.INSTRUCTION, instruction, where)
                .set(Counter.METHOD, method, where)
                .set(Counter.COMPLEXITY, complexity, where);
    }
}
