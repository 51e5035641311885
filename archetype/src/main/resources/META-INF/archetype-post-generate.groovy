// The transport property picks the data access code: JDBC through the connection-managed client (the files in
// src/main/java and src/test/java), or the Aurora Data API (the files in the *-data-api folders, which replace the
// JDBC repository, handler and tests). The folder of the transport not chosen is removed.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path project = Path.of(request.outputDirectory, request.artifactId)
String packagePath = request.properties.getProperty('package').replace('.', '/')
boolean dataApi = request.properties.getProperty('transport') == 'data-api'

def deleteTree = { Path dir ->
    if (Files.exists(dir)) {
        Files.walk(dir).sorted(Comparator.reverseOrder()).forEach { Files.delete(it) }
    }
}

['main', 'test'].each { scope ->
    Path variant = project.resolve("src/${scope}/java-data-api")
    Path target = project.resolve("src/${scope}/java/${packagePath}")
    if (dataApi) {
        if (scope == 'test') {
            // the JDBC tests exercise the JDBC client; the Data API tests replace all of them
            Files.list(target).filter { it.toString().endsWith('.java') }.forEach { Files.delete(it) }
        } else {
            // the Data API signs in with its own secret ARN: the JDBC side's Secrets Manager reader has no use here
            Files.deleteIfExists(target.resolve('SecretsManagerCredentials.java'))
        }
        Files.list(variant.resolve(packagePath)).forEach { source ->
            Files.move(source, target.resolve(source.fileName.toString()), StandardCopyOption.REPLACE_EXISTING)
        }
    }
    deleteTree(variant)
}
