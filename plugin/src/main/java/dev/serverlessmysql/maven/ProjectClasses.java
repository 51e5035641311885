package dev.serverlessmysql.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The module's compiled classes, read from bytecode: names, hierarchy and source files. Decides which are
 * excluded (by the user's globs or because they are generated) and which are Lambda handlers.
 */
final class ProjectClasses {

    static final Set<String> HANDLER_INTERFACES = Set.of(
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");

    /** One class file. */
    public record ClassFile(String name, String superName, List<String> interfaces, String sourceFile, Path path,
            boolean isInterface, byte[] bytes) {

        /** The binary name with dots. */
        public String dottedName() {
            return name.replace('/', '.');
        }

        /** {@code com/example/Foo.java}, or {@code null} without a SourceFile attribute. */
        public String sourcePath() {
            if (sourceFile == null) {
                return null;
            }
            int slash = name.lastIndexOf('/');
            return slash < 0 ? sourceFile : name.substring(0, slash + 1) + sourceFile;
        }
    }

    private final Map<String, ClassFile> all = new LinkedHashMap<>();
    private final List<ClassFile> included = new ArrayList<>();
    private final List<String> excludedByGlob = new ArrayList<>();
    private final List<String> excludedAsGenerated = new ArrayList<>();

    private ProjectClasses() {
    }

    /**
     * Reads every class under the given directories (one per module; a whole reactor for the aggregate check).
     *
     * @param generatedSourceDirs directories holding generated sources; classes compiled from them are left out
     */
    public static ProjectClasses scan(List<Path> classesDirs, ClassGlobs includes, ClassGlobs excludes,
            List<Path> generatedSourceDirs) throws IOException {
        ProjectClasses pc = new ProjectClasses();
        List<Path> files = new ArrayList<>();
        for (Path classesDir : classesDirs) {
            if (classesDir == null || !Files.isDirectory(classesDir)) {
                continue;
            }
            // loops rather than streams and lambdas: this runs once per build, in a cold JVM
            List<Path> found = new ArrayList<>();
            try (Stream<Path> s = Files.walk(classesDir)) {
                for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                    Path p = it.next();
                    String name = p.getFileName().toString();
                    if (name.endsWith(".class") && !name.equals("module-info.class")
                            && !name.equals("package-info.class") && Files.isRegularFile(p)) {
                        found.add(p);
                    }
                }
            }
            Collections.sort(found);
            files.addAll(found);
        }
        Set<String> generated = generatedSuffixes(generatedSourceDirs);
        for (Path f : files) {
            ClassFile cf = read(f);
            pc.all.put(cf.name(), cf);
            String dotted = cf.dottedName();
            if ((!includes.isEmpty() && !includes.matches(dotted)) || excludes.matches(dotted)) {
                pc.excludedByGlob.add(dotted);
            } else if (cf.sourcePath() != null && generated.contains(cf.sourcePath())) {
                pc.excludedAsGenerated.add(dotted);
            } else {
                pc.included.add(cf);
            }
        }
        return pc;
    }

    static ClassFile read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        ClassReader reader = new ClassReader(bytes);
        String[] source = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitSource(String s, String debug) {
                source[0] = s;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        // the bytes are kept: the coverage analysis reads each class once, here
        return new ClassFile(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()), source[0],
                file, (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0, bytes);
    }

    /** Every path suffix, at directory boundaries, of every source file under the given directories. */
    static Set<String> generatedSuffixes(List<Path> dirs) throws IOException {
        Set<String> suffixes = new HashSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Iterator<Path> it = s.iterator(); it.hasNext();) {
                    Path p = it.next();
                    if (!Files.isRegularFile(p)) {
                        continue;
                    }
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    suffixes.add(rel);
                    for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
                        suffixes.add(rel.substring(i + 1));
                    }
                }
            }
        }
        return suffixes;
    }

    /** All class files, excluded ones too. */
    public int totalCount() {
        return all.size();
    }

    /** The classes that the report and check cover. */
    public List<ClassFile> included() {
        return Collections.unmodifiableList(included);
    }

    /** Classes the user's globs left out. */
    public List<String> excludedByGlob() {
        return excludedByGlob;
    }

    /** Classes compiled from generated sources. */
    public List<String> excludedAsGenerated() {
        return excludedAsGenerated;
    }

    /**
     * The included classes (binary names with dots) that implement {@code RequestHandler} or
     * {@code RequestStreamHandler}, directly, through a superclass or through an interface of this module.
     */
    public Set<String> handlers() {
        Set<String> handlers = new java.util.TreeSet<>();
        Map<String, Boolean> memo = new java.util.HashMap<>();
        for (ClassFile cf : included) {
            if (!cf.isInterface() && isHandler(cf.name(), memo, 0)) {
                handlers.add(cf.dottedName());
            }
        }
        return handlers;
    }

    private boolean isHandler(String name, Map<String, Boolean> memo, int depth) {
        if (name == null || depth > 64) {
            return false;
        }
        if (HANDLER_INTERFACES.contains(name)) {
            return true;
        }
        Boolean known = memo.get(name);
        if (known != null) {
            return known;
        }
        memo.put(name, false);
        ClassFile cf = all.get(name);
        boolean result = false;
        if (cf != null) {
            for (String i : cf.interfaces()) {
                result |= isHandler(i, memo, depth + 1);
            }
            result |= isHandler(cf.superName(), memo, depth + 1);
        }
        memo.put(name, result);
        return result;
    }
}
