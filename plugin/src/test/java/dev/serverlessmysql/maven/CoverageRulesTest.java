package dev.serverlessmysql.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.internal.analysis.CounterImpl;
import org.junit.jupiter.api.Test;

/** The least-covered list of the failure message. */
class CoverageRulesTest {

    /** A class coverage node with only a name and a line counter, for the ordering. */
    private static IClassCoverage cls(String name, int missed, int covered) {
        return (IClassCoverage) Proxy.newProxyInstance(IClassCoverage.class.getClassLoader(),
                new Class<?>[] {IClassCoverage.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getLineCounter" -> CounterImpl.getInstance(missed, covered);
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void lowestRatioFirstThenMostMissedLinesThenNameAndOnlyClassesWithMissedLines() {
        List<IClassCoverage> classes = List.of(cls("B", 1, 1), cls("F", 5, 5), cls("Full", 0, 7), cls("None", 0, 0),
                cls("C", 3, 0), cls("A", 5, 5));
        List<String> names = new ArrayList<>();
        for (IClassCoverage c : CoverageRules.leastCovered(classes, 10)) {
            names.add(c.getName());
        }
        assertEquals(List.of("C", "A", "F", "B"), names);
        assertEquals(2, CoverageRules.leastCovered(classes, 2).size());
    }
}
