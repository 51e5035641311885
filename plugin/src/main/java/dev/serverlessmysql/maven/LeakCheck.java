package dev.serverlessmysql.maven;

import dev.serverlessmysql.leak.AgentRun;
import dev.serverlessmysql.leak.LeakViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Applies the configured exceptions to the agents' findings. */
final class LeakCheck {

    /** A finding that an exception accepted. */
    public record Excepted(LeakViolation violation, LeakException exception) {
    }

    /** The outcome over all test JVMs. */
    public record Result(List<LeakViolation> violations, List<Excepted> excepted, List<LeakException> unused,
            int testJvms, int tests, long borrows, long userConnections, long mainConnections, long clientConnections,
            long poolConnections,
            long infrastructureConnections, long outsideTests) {

        public Result {
            violations = List.copyOf(violations);
            excepted = List.copyOf(excepted);
            unused = List.copyOf(unused);
        }


        /** Whether nothing unexcepted was found. */
        public boolean passed() {
            return violations.isEmpty();
        }
    }

    private final List<LeakException> exceptions;

    /**
     * @throws IllegalArgumentException when an exception lacks a test/package or a reason
     */
    public LeakCheck(List<LeakException> exceptions) {
        this.exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        for (LeakException e : this.exceptions) {
            if ((e.getTest() == null) == (e.getPackage() == null)) {
                throw new IllegalArgumentException("serverless-mysql: each <leakException> names exactly one"
                        + " <test> (com.example.FooTest or com.example.FooTest#method) or one <package>.");
            }
            if (e.getReason() == null) {
                throw new IllegalArgumentException("serverless-mysql: <leakException> for " + e.describe()
                        + " has no <reason>. Say why the leak is acceptable, e.g. <reason>legacy DAO, tracked in"
                        + " ISSUE-123</reason>.");
            }
        }
    }

    public Result apply(List<AgentRun> runs) {
        List<LeakViolation> violations = new ArrayList<>();
        List<Excepted> excepted = new ArrayList<>();
        Set<LeakException> used = new LinkedHashSet<>();
        int tests = 0;
        long borrows = 0;
        long user = 0;
        long main = 0;
        long client = 0;
        long pool = 0;
        long infra = 0;
        long outside = 0;
        for (AgentRun run : runs) {
            tests += run.testsObserved();
            borrows += run.borrows();
            user += run.userConnections();
            main += run.mainConnections();
            client += run.clientConnections();
            pool += run.poolConnections();
            infra += run.infrastructureConnections();
            outside += run.outsideTests();
            for (LeakViolation v : run.violations()) {
                LeakException match = match(v);
                if (match == null) {
                    violations.add(v);
                } else {
                    used.add(match);
                    excepted.add(new Excepted(v, match));
                }
            }
        }
        List<LeakException> unused = new ArrayList<>();
        for (LeakException e : exceptions) {
            if (!used.contains(e)) {
                unused.add(e);
            }
        }
        return new Result(violations, excepted, unused, runs.size(), tests, borrows, user, main, client, pool, infra, outside);
    }

    private LeakException match(LeakViolation v) {
        for (LeakException e : exceptions) {
            if (e.getTest() != null && testMatches(e.getTest(), v)) {
                return e;
            }
            if (e.getPackage() != null && (inPackage(v.testClass(), e.getPackage())
                    || (v.opener() != null && inPackage(v.opener().className(), e.getPackage()))
                    || (v.builtAt() != null && inPackage(v.builtAt().className(), e.getPackage())))) {
                return e;
            }
        }
        return null;
    }

    static boolean testMatches(String pattern, LeakViolation v) {
        int hash = pattern.indexOf('#');
        String cls = hash < 0 ? pattern : pattern.substring(0, hash);
        String method = hash < 0 ? null : pattern.substring(hash + 1);
        if (!new ClassGlobs(List.of(cls)).matches(v.testClass())) {
            return false;
        }
        return method == null || method.equals("*") || method.equals(v.testMethod());
    }

    static boolean inPackage(String className, String pkg) {
        String p = pkg.endsWith(".*") || pkg.endsWith(".**") ? pkg.substring(0, pkg.indexOf(".*")) : pkg;
        return className.startsWith(p + ".");
    }
}
