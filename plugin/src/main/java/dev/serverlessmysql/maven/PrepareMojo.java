package dev.serverlessmysql.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import dev.serverlessmysql.leak.AgentOptions;

/**
 * Prepends the JaCoCo agent and the connection-leak agent to the argLine property, which surefire and failsafe
 * reference as @{argLine}. Never overwrites what is there. Fails when a surefire or failsafe
 * argLine would drop them, and shows the one-line fix.
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareMojo extends AbstractGateMojo {

    static final String JACOCO_AGENT = "org.jacoco:org.jacoco.agent";
    static final String LEAK_AGENT = "dev.serverlessmysql:serverless-mysql-leak-agent";
    static final String[] TEST_PLUGINS = {
        "org.apache.maven.plugins:maven-surefire-plugin", "org.apache.maven.plugins:maven-failsafe-plugin"};

    @Parameter(property = "plugin.artifactMap", required = true, readonly = true)
    Map<String, Artifact> pluginArtifactMap;

    @Override
    String goal() {
        return "prepare";
    }

    @Override
    void skipped() {
        if (project.getProperties().getProperty(propertyName) == null) {
            project.getProperties().setProperty(propertyName, "");
        }
    }

    @Override
    void run() throws IOException, MojoExecutionException, MojoFailureException {
        GateLayout layout = layout();
        List<ArgLine.Configured> bad = ArgLine.clobbering(configuredArgLines(), propertyName);
        if (!bad.isEmpty()) {
            throw new MojoFailureException(ArgLine.clobberMessage(bad, propertyName));
        }
        checkTestSetup();
        try {
            Files.createDirectories(layout.dir());
            Files.deleteIfExists(dataPath());
            deleteTree(layout.leakDir());
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: cannot prepare " + layout.dir() + ": " + e.getMessage(),
                    e);
        }

        List<String> agents = new ArrayList<>();
        agents.add(ArgLine.javaagent(jar(JACOCO_AGENT), "destfile=" + dataPath().toAbsolutePath()
                + ",append=true,excludes=dev.serverlessmysql.leak.*"));
        if (leakCheck) {
            List<String> allClients = new ArrayList<>(AgentOptions.DEFAULT_CLIENTS);
            if (clients != null) {
                allClients.addAll(clients);
            }
            agents.add(ArgLine.javaagent(jar(LEAK_AGENT), AgentOptions.format(layout.leakDir().toAbsolutePath(),
                    allClients, pools == null ? List.of() : pools, libraries == null ? List.of() : libraries,
                    leakAgentExcludes == null ? List.of() : leakAgentExcludes,
                    Path.of(project.getBuild().getOutputDirectory()))));
        }
        String prefix = String.join(" ", agents);
        String value = ArgLine.prepend(prefix, project.getProperties().getProperty(propertyName));
        project.getProperties().setProperty(propertyName, value);
        String user = session.getUserProperties().getProperty(propertyName);
        if (user != null) {
            // -DargLine=... on the command line wins over project properties; keep the agents there too
            session.getUserProperties().setProperty(propertyName, ArgLine.prepend(prefix, user));
        }
        writeMarker(layout.prepareMarker(), value);
        getLog().info("serverless-mysql: " + propertyName + " now starts with the JaCoCo agent"
                + (leakCheck ? " and the connection-leak agent" : "") + "; execution data goes to " + dataPath());
        getLog().debug("serverless-mysql: " + propertyName + "=" + value);
    }

    /** Fails at once, with the fix, on a setup whose tests would not run under the agents. */
    private void checkTestSetup() throws IOException, MojoFailureException {
        List<TestSetup.TestPlugin> plugins = new ArrayList<>();
        for (Plugin p : TestPlugins.of(project)) {
            plugins.add(new TestSetup.TestPlugin(p.getArtifactId(), p.getVersion()));
        }
        List<Path> testRoots = new ArrayList<>();
        project.getTestCompileSourceRoots().forEach(r -> testRoots.add(Path.of(r)));
        boolean junit4 = false;
        boolean vintage = false;
        boolean jupiter = false;
        for (Dependency d : project.getDependencies()) {
            junit4 |= "junit".equals(d.getGroupId()) && "junit".equals(d.getArtifactId());
            vintage |= "org.junit.vintage".equals(d.getGroupId());
            jupiter |= "org.junit.jupiter".equals(d.getGroupId());
        }
        List<String> problems = TestSetup.problems(plugins, TestSetup.testSources(testRoots),
                junit4 && TestSetup.junit4Tests(testRoots), vintage, jupiter, leakCheck);
        MavenProject root = session.getTopLevelProject();
        boolean rootDeclares = root != null && (declares(root.getBuildPlugins())
                || (root.getPluginManagement() != null && declares(root.getPluginManagement().getPlugins())));
        String prefix = TestSetup.prefixProblem(session.getGoals(), rootDeclares,
                session.getSettings() == null ? List.of() : session.getSettings().getPluginGroups(),
                root == null ? project.getFile().toPath() : root.getFile().toPath(),
                pluginArtifactMap.containsKey(LEAK_AGENT) ? pluginArtifactMap.get(LEAK_AGENT).getVersion() : "VERSION");
        if (prefix != null) {
            problems.add(prefix);
        }
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder("serverless-mysql: the tests of " + project.getArtifactId()
                    + " cannot run under the gate as set up:");
            problems.forEach(p -> b.append("\n  - ").append(p));
            throw new MojoFailureException(b.toString());
        }
    }

    private static boolean declares(List<Plugin> plugins) {
        return plugins.stream().anyMatch(p -> TestSetup.PLUGIN.equals(p.getKey()));
    }

    private Path jar(String key) throws MojoExecutionException {
        Artifact a = pluginArtifactMap.get(key);
        if (a == null || a.getFile() == null) {
            throw new MojoExecutionException("serverless-mysql: the plugin's own dependency " + key
                    + " was not resolved. Run the build again with -U, or check the repository settings.");
        }
        return a.getFile().toPath();
    }

    private List<ArgLine.Configured> configuredArgLines() {
        List<ArgLine.Configured> found = new ArrayList<>();
        for (Plugin p : project.getBuildPlugins()) {
            String key = p.getKey();
            boolean testPlugin = false;
            for (String t : TEST_PLUGINS) {
                testPlugin |= t.equals(key);
            }
            if (!testPlugin) {
                continue;
            }
            String name = p.getArtifactId();
            String top = argLine(p.getConfiguration());
            if (top != null) {
                found.add(new ArgLine.Configured(name, null, top));
            }
            for (PluginExecution e : p.getExecutions()) {
                String v = argLine(e.getConfiguration());
                if (v != null && !v.equals(top)) {
                    found.add(new ArgLine.Configured(name, e.getId(), v));
                }
            }
        }
        return found;
    }

    private static String argLine(Object configuration) {
        if (configuration instanceof Xpp3Dom dom) {
            Xpp3Dom child = dom.getChild("argLine");
            if (child != null) {
                return child.getValue() == null ? "" : child.getValue();
            }
        }
        return null;
    }

    private void writeMarker(Path marker, String value) throws MojoExecutionException {
        Properties p = new Properties();
        p.setProperty("time", Long.toString(System.currentTimeMillis()));
        p.setProperty("property", propertyName);
        p.setProperty("value", value);
        p.setProperty("leakCheck", Boolean.toString(leakCheck));
        try (OutputStream o = Files.newOutputStream(marker)) {
            p.store(o, "written by serverless-mysql:prepare; read by check to tell 'no tests' from 'agent lost'");
        } catch (IOException e) {
            throw new MojoExecutionException("serverless-mysql: cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
