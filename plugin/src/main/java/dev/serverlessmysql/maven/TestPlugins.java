package dev.serverlessmysql.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What the project's surefire and failsafe are configured with, read from the effective POM as prepare reads
 * {@code <argLine>}: their versions and the folders they write test reports to.
 */
final class TestPlugins {

    static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";
    static final String FAILSAFE = "org.apache.maven.plugins:maven-failsafe-plugin";

    private TestPlugins() {
    }

    /** surefire and failsafe as the build uses them (lifecycle defaults included). */
    static List<Plugin> of(MavenProject project) {
        List<Plugin> found = new ArrayList<>();
        for (Plugin p : project.getBuildPlugins()) {
            if (SUREFIRE.equals(p.getKey()) || FAILSAFE.equals(p.getKey())) {
                found.add(p);
            }
        }
        return found;
    }

    /**
     * Every folder surefire and failsafe write {@code TEST-*.xml} to: their defaults and any
     * {@code <reportsDirectory>} set for the plugin or one of its executions.
     */
    static List<Path> reportDirectories(MavenProject project) {
        Path base = project.getBasedir().toPath();
        Path target = Path.of(project.getBuild().getDirectory());
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(target.resolve("surefire-reports"));
        dirs.add(target.resolve("failsafe-reports"));
        for (Plugin p : of(project)) {
            add(dirs, base, p.getConfiguration());
            for (PluginExecution e : p.getExecutions()) {
                add(dirs, base, e.getConfiguration());
            }
        }
        return new ArrayList<>(dirs);
    }

    /** surefire's own report folder: a configured one, else the default; the JUnit XML of the gate goes beside it. */
    static Path surefireReports(MavenProject project) {
        Path base = project.getBasedir().toPath();
        for (Plugin p : of(project)) {
            if (SUREFIRE.equals(p.getKey())) {
                String v = child(p.getConfiguration(), "reportsDirectory");
                if (v != null) {
                    return base.resolve(v).normalize();
                }
            }
        }
        return Path.of(project.getBuild().getDirectory()).resolve("surefire-reports");
    }

    private static void add(Set<Path> dirs, Path base, Object configuration) {
        String v = child(configuration, "reportsDirectory");
        if (v != null) {
            dirs.add(base.resolve(v).normalize());
        }
    }

    static String child(Object configuration, String name) {
        if (configuration instanceof Xpp3Dom dom) {
            Xpp3Dom child = dom.getChild(name);
            if (child != null && child.getValue() != null && !child.getValue().isBlank()) {
                return child.getValue().trim();
            }
        }
        return null;
    }
}
