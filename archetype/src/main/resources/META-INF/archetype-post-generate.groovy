// The transport property picks the data access code: JDBC through the connection-managed client (the files in
// src/main/java and src/test/java), or the Aurora Data API (the files in the *-data-api folders, which replace the
// JDBC repository, handler and tests). For JDBC, dbAuth picks how the function signs in: a Secrets Manager secret
// (the default files) or an RDS IAM token (the files in the *-iam folders, which replace the secret's reader and the
// tests that use it). The folders of the variants not chosen are removed.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path project = Path.of(request.outputDirectory, request.artifactId)
String packageName = request.properties.getProperty('package')
String packagePath = packageName.replace('.', '/')
boolean dataApi = request.properties.getProperty('transport') == 'data-api'
boolean iam = request.properties.getProperty('dbAuth') == 'iam'
if (dataApi && iam) {
    throw new IllegalArgumentException('dbAuth=iam applies to transport=jdbc: the Data API signs in with the secret'
            + ' DATA_API_SECRET_ARN names, not a database token. Use transport=jdbc with dbAuth=iam, or drop dbAuth.')
}

def deleteTree = { Path dir ->
    if (Files.exists(dir)) {
        Files.walk(dir).sorted(Comparator.reverseOrder()).forEach { Files.delete(it) }
    }
}
def moveAll = { Path from, Path to ->
    Files.list(from).forEach { source ->
        Files.move(source, to.resolve(source.fileName.toString()), StandardCopyOption.REPLACE_EXISTING)
    }
}

['main', 'test'].each { scope ->
    Path variant = project.resolve("src/${scope}/java-data-api")
    Path iamVariant = project.resolve("src/${scope}/java-iam")
    Path target = project.resolve("src/${scope}/java/${packagePath}")
    if (dataApi) {
        if (scope == 'test') {
            // the JDBC tests exercise the JDBC client; the Data API tests replace all of them
            Files.list(target).filter { it.toString().endsWith('.java') }.forEach { Files.delete(it) }
        } else {
            // the Data API signs in with its own secret ARN: the JDBC side's Secrets Manager reader has no use here
            Files.deleteIfExists(target.resolve('SecretsManagerCredentials.java'))
        }
        moveAll(variant.resolve(packagePath), target)
    } else if (iam) {
        // no secret to read: the secret's reader, its stand-in and its tests go; the IAM files replace them
        ['SecretsManagerCredentials.java', 'SecretsManagerCredentialsTest.java', 'SecretsExtensionStandIn.java'].each {
            Files.deleteIfExists(target.resolve(it))
        }
        moveAll(iamVariant.resolve(packagePath), target)
    }
    deleteTree(variant)
    deleteTree(iamVariant)
}
if (iam) {
    // only the tests register the stand-in token source; the deployable zip carries no service file
    Path services = project.resolve('src/test/resources/META-INF/services')
    Files.createDirectories(services)
    services.resolve("${packageName}.IamAuthTokenCredentials\$TokenSource").toFile()
            .setText("${packageName}.StandInTokenSource\n", 'UTF-8')
}
