package dev.serverlessmysql.maven;

import java.util.Locale;
import org.jacoco.core.analysis.ICoverageNode.CounterEntity;

/** The coverage counters a threshold can be set on, with the words the messages use. */
enum Counter {
    LINE(CounterEntity.LINE, "line", "lines"),
    BRANCH(CounterEntity.BRANCH, "branch", "branches"),
    INSTRUCTION(CounterEntity.INSTRUCTION, "instruction", "instructions"),
    METHOD(CounterEntity.METHOD, "method", "methods"),
    COMPLEXITY(CounterEntity.COMPLEXITY, "complexity", "complexity paths");

    private final CounterEntity entity;
    private final String one;
    private final String many;

    Counter(CounterEntity entity, String one, String many) {
        this.entity = entity;
        this.one = one;
        this.many = many;
    }

    /** JaCoCo's counter. */
    public CounterEntity entity() {
        return entity;
    }

    /** {@code line}, {@code branch}, ... as in the configuration. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "1 line", "2 lines". */
    public String units(long n) {
        return n + " " + (n == 1 ? one : many);
    }
}
