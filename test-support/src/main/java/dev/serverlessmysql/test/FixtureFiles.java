package dev.serverlessmysql.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds event fixtures on the class path (directories and jars alike) or the file system. */
final class FixtureFiles {

    private FixtureFiles() {
    }

    /** Where a fixture was found: a class path URL (perhaps inside a jar) or a plain file. */
    record Found(String location, URL url, Path file) {

        String read() {
            try (InputStream in = open()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Lambda event fixture " + location + " from " + where(), e);
            }
        }

        private InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            return connection.getInputStream();
        }

        String where() {
            return file != null ? file.toAbsolutePath().toString() : url.toString();
        }
    }

    static Found find(String location, String typeName, EventFixtures.Lookup lookup) {
        if (location == null || location.isBlank()) {
            throw new EventFixtureException(String.valueOf(location), typeName, null,
                    "No Lambda event fixture named for " + typeName + ": give a class path resource such as events/order.json.", null);
        }
        String name = location.startsWith("/") ? location.substring(1) : location;
        List<String> tried = new ArrayList<>();
        for (ClassLoader loader : lookup.loaders()) {
            URL url = loader.getResource(name);
            if (url != null) {
                return new Found(location, url, null);
            }
        }
        tried.add("class path resource '" + name + "'");
        if (lookup.anchor() != null && !location.startsWith("/")) {
            URL url = lookup.anchor().getResource(location);
            if (url != null) {
                return new Found(location, url, null);
            }
            tried.add("'" + lookup.anchor().getPackageName().replace('.', '/') + "/" + location + "' next to "
                    + lookup.anchor().getSimpleName());
        }
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return new Found(location, null, file);
        }
        tried.add("file '" + file.toAbsolutePath().normalize() + "'");
        throw new EventFixtureException(location, typeName, null, "Lambda event fixture '" + location + "' for " + typeName
                + " was not found. Looked for " + String.join(", ", tried) + ". Put it under src/test/resources/" + name + ".", null);
    }

    static Map<String, Found> list(String folder, String typeName, EventFixtures.Lookup lookup) {
        String name = folder.startsWith("/") ? folder.substring(1) : folder;
        String dir = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        Map<String, Found> files = new TreeMap<>();
        Set<URL> roots = new LinkedHashSet<>();
        try {
            for (ClassLoader loader : lookup.loaders()) {
                for (Enumeration<URL> e = loader.getResources(dir); e.hasMoreElements(); ) {
                    roots.add(e.nextElement());
                }
            }
            for (URL root : roots) {
                if ("file".equals(root.getProtocol())) {
                    listDirectory(Path.of(root.toURI()), dir, files);
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    String prefix = dir + "/";
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                            String entry = entries.nextElement().getName();
                            if (entry.startsWith(prefix) && entry.endsWith(".json") && entry.indexOf('/', prefix.length()) < 0) {
                                String file = entry.substring(prefix.length());
                                URL url = new URL("jar:" + connection.getJarFileURL() + "!/" + entry);
                                files.putIfAbsent(file, new Found(dir + "/" + file, url, null));
                            }
                        }
                    }
                }
            }
            if (roots.isEmpty()) {
                Path path = Path.of(folder);
                if (Files.isDirectory(path)) {
                    listDirectory(path, dir, files);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new EventFixtureException(folder, typeName, null, "Cannot list Lambda event fixture folder '" + folder + "': " + e, e);
        }
        if (files.isEmpty()) {
            throw new EventFixtureException(folder, typeName, null, "Lambda event fixture folder '" + folder + "' for " + typeName
                    + (roots.isEmpty() ? " was not found on the class path or as a directory" : " has no .json files")
                    + ". Put the fixtures under src/test/resources/" + dir + "/.", null);
        }
        return files;
    }

    private static void listDirectory(Path directory, String dir, Map<String, Found> files) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            children.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .forEach(p -> files.putIfAbsent(p.getFileName().toString(),
                            new Found(dir + "/" + p.getFileName(), null, p)));
        }
    }
}
