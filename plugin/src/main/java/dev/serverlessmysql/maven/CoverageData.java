package dev.serverlessmysql.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.IPackageCoverage;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.tools.ExecFileLoader;

/** JaCoCo's analysis of the included classes against the execution data. */
final class CoverageData {

    private static final Comparator<IClassCoverage> BY_NAME = new Comparator<>() {
        @Override
        public int compare(IClassCoverage a, IClassCoverage b) {
            return a.getName().compareTo(b.getName());
        }
    };

    private final IBundleCoverage bundle;
    private final Set<String> handlers;
    private final int matchedClasses;
    private final int staleClasses;
    private final ExecutionDataStore executionData;
    private final SessionInfoStore sessions;

    private CoverageData(IBundleCoverage bundle, Set<String> handlers, int matched, int stale,
            ExecutionDataStore executionData, SessionInfoStore sessions) {
        this.bundle = bundle;
        this.handlers = handlers;
        this.matchedClasses = matched;
        this.staleClasses = stale;
        this.executionData = executionData;
        this.sessions = sessions;
    }

    /** Loads the execution data files that exist and analyzes the included classes. */
    public static CoverageData analyze(String name, ProjectClasses classes, List<Path> execFiles) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        for (Path f : execFiles) {
            if (Files.isRegularFile(f)) {
                try {
                    loader.load(f.toFile());
                } catch (IOException | RuntimeException e) {
                    throw new IOException("cannot read the execution data in " + f + " (" + e
                            + "): the file is corrupt or was cut short, for example by a test JVM that was killed"
                            + " while writing it. Fix: run mvn clean verify.", e);
                }
            }
        }
        ExecutionDataStore store = loader.getExecutionDataStore();
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(store, builder);
        for (ProjectClasses.ClassFile cf : classes.included()) {
            analyzer.analyzeClass(cf.bytes(), cf.path().toString());
        }
        int matched = 0;
        int stale = 0;
        for (IClassCoverage c : builder.getClasses()) {
            if (c.isNoMatch()) {
                stale++;
            } else if (store.get(c.getId()) != null) {
                matched++;
            }
        }
        return new CoverageData(builder.getBundle(name), classes.handlers(), matched, stale, store,
                loader.getSessionInfoStore());
    }

    /** Whether any execution data file exists and holds data. */
    public static boolean anyData(List<Path> execFiles) {
        for (Path f : execFiles) {
            File file = f.toFile();
            if (file.isFile() && file.length() > 0) {
                return true;
            }
        }
        return false;
    }

    public IBundleCoverage bundle() {
        return bundle;
    }

    /** Classes of the bundle, sorted by name. */
    public List<IClassCoverage> classes() {
        List<IClassCoverage> list = new ArrayList<>();
        for (IPackageCoverage p : bundle.getPackages()) {
            list.addAll(p.getClasses());
        }
        list.sort(BY_NAME);
        return list;
    }

    public Set<String> handlers() {
        return handlers;
    }

    /** Classes whose execution data was found. */
    public int matchedClasses() {
        return matchedClasses;
    }

    /** Classes that have execution data under their name but for different bytecode (a stale file). */
    public int staleClasses() {
        return staleClasses;
    }

    public ExecutionDataStore executionData() {
        return executionData;
    }

    public SessionInfoStore sessions() {
        return sessions;
    }

    /** Every class of the bundle. */
    public Collection<IClassCoverage> allClasses() {
        return classes();
    }
}
