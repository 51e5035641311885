package dev.serverlessmysql.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import dev.serverlessmysql.ServerlessMysql;
import dev.serverlessmysql.test.MySqlDatabase;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Cold start: a minimal handler running one query in a new JVM, on the client and on HikariCP, timed from process
 * start to the first result and counted in classes loaded; and the core jar's size and runtime dependencies.
 */
final class ColdStartBench {

    private static final List<String> DRIVERS = List.of("mysql-connector-j", "mariadb-java-client");

    private final boolean smoke;
    private final Path work;

    ColdStartBench(boolean smoke, Path work) {
        this.smoke = smoke;
        this.work = work;
    }

    /** Medians of the start times in milliseconds, class counts, and the jar's figures. */
    record Figures(int runs, double core, double hikari, int coreClasses, int hikariClasses, Path jar, long jarBytes,
                   List<String> runtimeDependencies) {
    }

    Figures measure() throws IOException {
        Figures[] out = new Figures[1];
        ServerFixtures.run(ServerFixtures.SharedServer.class, db -> out[0] = compare(db));
        return out[0];
    }

    private Figures compare(MySqlDatabase db) throws IOException, InterruptedException {
        int runs = smoke ? 1 : 15;
        start(db, "core", null);
        start(db, "hikari", null);
        List<Double> core = new ArrayList<>();
        List<Double> hikari = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            core.add(start(db, "core", null));
            hikari.add(start(db, "hikari", null));
        }
        int coreClasses = classes(db, "core");
        int hikariClasses = classes(db, "hikari");
        Path jar = coreJar();
        return new Figures(runs, Stats.median(core), Stats.median(hikari), coreClasses, hikariClasses, jar,
                Files.size(jar), runtimeDependencies(jar));
    }

    private int classes(MySqlDatabase db, String library) throws IOException, InterruptedException {
        Path log = work.resolve("classes-" + library + ".log");
        start(db, library, "-Xlog:class+load=info:file=" + log);
        try (var lines = Files.lines(log)) {
            return (int) lines.filter(l -> l.contains(" source: ")).count();
        }
    }

    /** Starts the handler in a new JVM and returns the milliseconds from process start to its printed result. */
    private static double start(MySqlDatabase db, String library, String jvmOption) throws IOException, InterruptedException {
        ChildJvm.Answer a = ChildJvm.run(jvmOption == null ? List.of() : List.of(jvmOption), ColdStartHandler.class,
                List.of(library), Map.of("DB_URL", db.jdbcUrl(), "DB_USER", db.user(), "DB_PASSWORD", db.password()),
                ColdStartHandler.RESULT);
        if (!a.value().equals("1")) {
            throw new IllegalStateException("the " + library + " handler's SELECT 1 answered " + a.value());
        }
        return a.millis();
    }

    /** The core's jar: where the client classes came from, or the jar built beside those classes. */
    static Path coreJar() throws IOException {
        Path location;
        try {
            location = Path.of(ServerlessMysql.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        try (var files = Files.list(location.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("serverless-mysql-[0-9].*(?<!-sources|-javadoc|-tests)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no core jar beside " + location + "; run mvn package on core first"));
        }
    }

    /** Compile and runtime dependencies of the core, from the POM inside its jar, drivers and optional ones left out. */
    static List<String> runtimeDependencies(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            ZipEntry pom = jf.getEntry("META-INF/maven/dev.serverlessmysql/serverless-mysql/pom.xml");
            if (pom == null) {
                throw new IOException(jar + " has no META-INF/maven POM to read its dependencies from");
            }
            try (InputStream in = jf.getInputStream(pom)) {
                NodeList deps = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                        .getElementsByTagName("dependency");
                List<String> found = new ArrayList<>();
                for (int i = 0; i < deps.getLength(); i++) {
                    Element d = (Element) deps.item(i);
                    if ("dependencyManagement".equals(d.getParentNode().getParentNode().getNodeName())) {
                        continue;
                    }
                    String scope = text(d, "scope", "compile");
                    String artifact = text(d, "artifactId", "");
                    if ((scope.equals("compile") || scope.equals("runtime")) && !text(d, "optional", "false").equals("true")
                            && !DRIVERS.contains(artifact)) {
                        found.add(text(d, "groupId", "") + ":" + artifact);
                    }
                }
                return found;
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                throw new IOException("cannot read the POM in " + jar + ": " + e.getMessage(), e);
            }
        }
    }

    private static String text(Element e, String tag, String otherwise) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? otherwise : n.item(0).getTextContent().trim();
    }

    /** The results as a Markdown section. */
    static String markdown(Figures f) {
        double ratio = f.core() / f.hikari();
        long kb = Math.round(f.jarBytes() / 1024.0);
        return "## 3. Cold start\n\n"
                + "A minimal handler that runs one `SELECT 1` in a new JVM (same classpath, JVM flags and server for both),"
                + " timed from process start to its printed result; median of " + f.runs() + " alternating runs after one"
                + " unmeasured start each. Classes loaded: `-Xlog:class+load` lines of one more run each, JDK classes"
                + " included. HikariCP logs through slf4j-api with no provider (its no-operation logger).\n\n"
                + "| handler | JVM start to first result | classes loaded |\n|---|---|---|\n"
                + String.format("| serverless-mysql | %s | %d |%n", Stats.ms(f.core()), f.coreClasses())
                + String.format("| HikariCP (pool of 1) | %s | %d |%n", Stats.ms(f.hikari()), f.hikariClasses())
                + "\n| target | measured | met |\n|---|---|---|\n"
                + String.format("| start time ratio <= 1.0 against HikariCP | %.3f | %s |%n", ratio, ratio <= 1.0 ? "met" : "NOT met")
                + String.format("| core jar under 150 KB | %d KB (%d bytes, `%s`) | %s |%n", kb, f.jarBytes(),
                        f.jar().getFileName(), f.jarBytes() < 150 * 1024 ? "met" : "NOT met")
                + String.format("| zero runtime dependencies beyond the driver | %d%s | %s |%n", f.runtimeDependencies().size(),
                        f.runtimeDependencies().isEmpty() ? "" : " " + f.runtimeDependencies(),
                        f.runtimeDependencies().isEmpty() ? "met" : "NOT met");
    }
}
