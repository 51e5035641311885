package dev.serverlessmysql.maven;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ICoverageNode;

/** Applies the module, per-class, handler and baseline minimums to JaCoCo's numbers. */
final class CoverageRules {

    /** Lowest line coverage first, then most missed lines, then by name; a class, not a lambda: loaded cold. */
    private static final Comparator<IClassCoverage> LEAST_COVERED_FIRST = new Comparator<>() {
        @Override
        public int compare(IClassCoverage a, IClassCoverage b) {
            int byRatio = Double.compare(a.getLineCounter().getCoveredRatio(), b.getLineCounter().getCoveredRatio());
            if (byRatio != 0) {
                return byRatio;
            }
            int byMissed = Integer.compare(b.getLineCounter().getMissedCount(), a.getLineCounter().getMissedCount());
            return byMissed != 0 ? byMissed : a.getName().compareTo(b.getName());
        }
    };

    private final Thresholds module;
    private final Thresholds perClass;
    private final Thresholds handlers;
    private final Baseline baseline;

    /**
     * @param baseline the ratchet baseline, or {@code null} outside ratchet mode
     */
    public CoverageRules(Thresholds module, Thresholds perClass, Thresholds handlers, Baseline baseline) {
        this.module = module;
        this.perClass = perClass;
        this.handlers = handlers;
        this.baseline = baseline;
    }

    /** Whether any minimum at all is configured. */
    public boolean hasRules() {
        return !module.isEmpty() || !perClass.isEmpty() || !handlers.isEmpty() || baseline != null;
    }

    /** Every shortfall, module first, then classes by name. */
    public List<Shortfall> evaluate(String moduleName, ICoverageNode bundle, List<IClassCoverage> classes,
            Set<String> handlerClasses) {
        List<Shortfall> out = new ArrayList<>();
        // the aggregate check names its bundle "reactor ..." already
        String element = moduleName.startsWith("reactor ") ? moduleName : "module " + moduleName;
        check(out, element, bundle, module, "<coverage>");
        if (baseline != null) {
            for (Counter c : Counter.values()) {
                long[] b = baseline.module(c);
                ICounter now = bundle.getCounter(c.entity());
                if (b != null && now.getTotalCount() > 0
                        && !Ratio.atLeast(now.getCoveredCount(), now.getTotalCount(), b[0], b[1])) {
                    out.add(new Shortfall(element, c, now.getCoveredCount(), now.getTotalCount(),
                            Ratio.of(b[0], b[1]), "baseline " + b[0] + "/" + b[1]));
                }
            }
        }
        for (IClassCoverage cc : classes) {
            String name = cc.getName().replace('/', '.');
            boolean handler = handlerClasses.contains(name);
            if (handler) {
                check(out, "handler " + name, cc, stricter(perClass, handlers), "<handlers>");
            } else {
                check(out, "class " + name, cc, perClass, "<classCoverage>");
            }
            if (baseline != null) {
                for (Counter c : Baseline.CLASS_COUNTERS) {
                    long[] b = baseline.clazz(name, c);
                    ICounter now = cc.getCounter(c.entity());
                    if (b != null && now.getTotalCount() > 0
                            && !Ratio.atLeast(now.getCoveredCount(), now.getTotalCount(), b[0], b[1])) {
                        out.add(new Shortfall((handler ? "handler " : "class ") + name, c, now.getCoveredCount(),
                                now.getTotalCount(), Ratio.of(b[0], b[1]), "baseline " + b[0] + "/" + b[1]));
                    }
                }
            }
        }
        return out;
    }

    /** Per counter, the higher of the two minimums: handler limits never loosen the per-class ones. */
    static Thresholds stricter(Thresholds a, Thresholds b) {
        Thresholds t = new Thresholds();
        for (Counter c : Counter.values()) {
            BigDecimal x = a.minimums().get(c);
            BigDecimal y = b.minimums().get(c);
            if (x != null || y != null) {
                t.set(c, x == null ? y : y == null ? x : x.max(y));
            }
        }
        return t;
    }

    private static void check(List<Shortfall> out, String element, ICoverageNode node, Thresholds t, String rule) {
        for (Map.Entry<Counter, BigDecimal> e : t.minimums().entrySet()) {
            ICounter c = node.getCounter(e.getKey().entity());
            if (c.getTotalCount() > 0 && !Ratio.meets(c.getCoveredCount(), c.getTotalCount(), e.getValue())) {
                out.add(new Shortfall(element, e.getKey(), c.getCoveredCount(), c.getTotalCount(), e.getValue(),
                        rule));
            }
        }
    }

    /** The {@code n} classes with the lowest line coverage (most missed lines first among equals). */
    public static List<IClassCoverage> leastCovered(List<IClassCoverage> classes, int n) {
        List<IClassCoverage> missing = new ArrayList<>();
        for (IClassCoverage c : classes) {
            if (c.getLineCounter().getTotalCount() > 0 && c.getLineCounter().getMissedCount() > 0) {
                missing.add(c);
            }
        }
        missing.sort(LEAST_COVERED_FIRST);
        return List.copyOf(missing.subList(0, Math.min(n, missing.size())));
    }
}
