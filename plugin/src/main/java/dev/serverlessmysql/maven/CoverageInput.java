package dev.serverlessmysql.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What the coverage analysis reads: the classes, the execution data and the sources of one module, or of a whole
 * reactor for the aggregate check.
 *
 * @param name the module's (or reactor's) name in messages
 * @param classesDirs compiled main classes, one directory per module
 * @param dataFiles JaCoCo execution data files
 * @param sourceRoots source directories for the HTML report
 * @param generatedSourceDirs directories of generated sources; their classes are left out
 * @param encoding source encoding
 * @param includes class globs to cover (empty: all)
 * @param excludes class globs to leave out, for report and check alike
 */
record CoverageInput(String name, List<Path> classesDirs, List<Path> dataFiles, List<Path> sourceRoots,
        List<Path> generatedSourceDirs, String encoding, ClassGlobs includes, ClassGlobs excludes) {
}
