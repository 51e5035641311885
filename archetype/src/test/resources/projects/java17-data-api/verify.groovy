// A Data API project: builds green with its tests on the local Data API, holds no JDBC code, and its template
// grants rds-data on the cluster and the secret's value, with no VPC.
expect = [java: '17', snapStart: false, architecture: 'x86_64', memory: '512', transport: 'data-api']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))

File projectDir = context.projectDir
def fail = { String message -> throw new AssertionError(message) }
def text = { String path -> new File(projectDir, path).getText('UTF-8') }

def log = text('build.log')
['OrdersHandlerTest', 'ContainerScaleTest'].each {
    if (!(log =~ /Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.example\.orders\.$it/)) {
        fail("$it did not run green")
    }
}
def main = new File(projectDir, 'src/main/java/com/example/orders')
def sources = main.listFiles().collect { it.name }.sort()
if (sources != ['Order.java', 'OrderApi.java', 'OrderRepository.java', 'OrdersHandler.java']) fail('unexpected sources: ' + sources)
main.listFiles().each { f ->
    def code = f.getText('UTF-8')
    if (code.contains('dev.serverlessmysql.ServerlessMysql;') || code.contains('java.sql.')) fail("${f.name} still uses JDBC")
}
if (!text('src/main/java/com/example/orders/OrderRepository.java').contains('DataApiClient')) fail('the repository does not use DataApiClient')
['src/main/java-data-api', 'src/test/java-data-api'].each { if (new File(projectDir, it).exists()) fail("$it was left behind") }
def tests = new File(projectDir, 'src/test/java/com/example/orders').listFiles().collect { it.name }.sort()
if (tests != ['ContainerScaleTest.java', 'LocalDataApi.java', 'OrdersHandlerTest.java']) fail('unexpected tests: ' + tests)

def template = text('template.yaml')
def policy = template.substring(template.indexOf('Policies:'))
['- rds-data:*', 'Resource: !Ref ClusterArn', '- secretsmanager:GetSecretValue', 'Resource: !Ref SecretArn'].each {
    if (!policy.contains(it)) fail("the template's policy lacks '$it'")
}
if (policy.indexOf('rds-data:*') > policy.indexOf('Resource: !Ref ClusterArn')
        || policy.indexOf('secretsmanager:GetSecretValue') > policy.indexOf('Resource: !Ref SecretArn')) {
    fail('each grant must name its own resource')
}
['DATA_API_RESOURCE_ARN: !Ref ClusterArn', 'DATA_API_SECRET_ARN: !Ref SecretArn', 'DATA_API_DATABASE: !Ref DatabaseName'].each {
    if (!template.contains(it)) fail("the template lacks '$it'")
}
if (template.contains('VpcConfig') || template.contains('DB_PASSWORD')) fail('a Data API function needs no VPC and no DB password')
if (text('pom.xml').contains('mysql-connector-j')) fail('the pom still has the JDBC driver')
if (!text('README.md').contains('DataApiClient')) fail('the README does not describe the Data API client')
return true
