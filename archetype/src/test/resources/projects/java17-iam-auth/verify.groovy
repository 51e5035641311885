// An IAM-auth project (dbAuth=iam): builds green with its token tests, signs in with a fresh RDS IAM token per
// connect, holds no secret and no password anywhere, grants rds-db:connect on its one database user, requires TLS in
// its URL, and ships the SDK's rds module without any HTTP client.
expect = [java: '17', snapStart: false, architecture: 'x86_64', memory: '512', dbAuth: 'iam',
          // RdsUtilities and what it loads to sign; no apache-client, apache5-client, netty-nio-client
          sdkJars: ['annotations', 'auth', 'aws-core', 'aws-query-protocol', 'checksums', 'checksums-spi', 'endpoints-spi',
                    'eventstream', 'http-auth', 'http-auth-aws', 'http-auth-aws-eventstream', 'http-auth-spi',
                    'http-client-spi', 'identity-spi', 'json-utils', 'metrics-spi', 'profiles', 'protocol-core', 'rds',
                    'reactive-streams', 'regions', 'retries', 'retries-spi', 'sdk-core', 'slf4j-api',
                    'third-party-jackson-core', 'utils', 'utils-lite']]
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))

File projectDir = context.projectDir
def fail = { String message -> throw new AssertionError(message) }
def text = { String path -> new File(projectDir, path).getText('UTF-8') }

def log = text('build.log')
['IamAuthTokenCredentialsTest', 'OrdersHandlerTest', 'ContainerScaleTest', 'OrderApiTest'].each {
    if (!(log =~ /Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.example\.orders\.$it/)) {
        fail("$it did not run green")
    }
}
def main = new File(projectDir, 'src/main/java/com/example/orders').listFiles().collect { it.name }.sort()
if (main != ['IamAuthTokenCredentials.java', 'Order.java', 'OrderApi.java', 'OrderRepository.java', 'OrdersHandler.java']) {
    fail('unexpected sources: ' + main)
}
def tests = new File(projectDir, 'src/test/java/com/example/orders').listFiles().collect { it.name }.sort()
if (tests != ['ContainerScaleTest.java', 'IamAuthTokenCredentialsTest.java', 'OrderApiTest.java', 'OrdersHandlerTest.java',
              'StandInTokenSource.java']) {
    fail('unexpected tests: ' + tests)
}
['src/main/java-iam', 'src/test/java-iam', 'src/main/java-data-api', 'src/test/java-data-api'].each {
    if (new File(projectDir, it).exists()) fail("$it was left behind")
}
def handler = text('src/main/java/com/example/orders/OrdersHandler.java')
if (!handler.contains('.credentials(IAM)') || !handler.contains('IamAuthTokenCredentials.fromEnvironment()')) {
    fail('the handler does not sign in through the IAM token supplier')
}
if (!text('src/main/java/com/example/orders/IamAuthTokenCredentials.java').contains('generateAuthenticationToken')) {
    fail('the token supplier does not use RdsUtilities#generateAuthenticationToken')
}

def template = text('template.yaml')
def function = template.substring(template.indexOf('Resources:'))
def policy = function.substring(function.indexOf('Policies:'))
['- rds-db:connect',
 "Resource: !Sub 'arn:\${AWS::Partition}:rds-db:\${AWS::Region}:\${AWS::AccountId}:dbuser:\${DbiResourceId}/\${DbUser}'"].each {
    if (!policy.contains(it)) fail("the template's policy lacks '$it'")
}
['DB_URL: !Ref DbUrl', 'DB_USER: !Ref DbUser', 'VpcConfig:'].each { if (!function.contains(it)) fail("the function lacks '$it'") }
['DB_PASSWORD', 'DbPassword', 'DB_SECRET_ARN', 'DbSecretArn', 'secretsmanager', 'SecretsExtensionLayerArn', 'Layers:',
 'resolve:'].each { if (template.contains(it)) fail("an IAM template has no secret, extension or password, but has '$it'") }
def parameters = template.substring(template.indexOf('Parameters:'), template.indexOf('Globals:'))
['DbiResourceId:', 'DbUser:', 'sslMode=(REQUIRED|VERIFY_CA|VERIFY_IDENTITY)'].each {
    if (!parameters.contains(it)) fail("the template's parameters lack '$it'")
}
if (handler.contains('DB_PASSWORD') || handler.contains('SecretsManager')) fail('the handler reads a password or a secret')

def pom = text('pom.xml')
if (!pom.contains('<artifactId>rds</artifactId>')) fail('the pom lacks the SDK rds module')
// the generated project's SDK version is the one the toolkit pins in its parent POM (and builds data-api with)
File root = null
for (File dir = basedir.absoluteFile; dir != null && root == null; dir = dir.parentFile) {
    File candidate = new File(dir, 'pom.xml')
    if (candidate.isFile() && candidate.getText('UTF-8').contains('<artifactId>serverless-mysql-parent</artifactId>')
            && new File(dir, 'archetype').isDirectory()) {
        root = candidate
    }
}
if (root == null) fail("the toolkit's parent POM is not in a folder above ${basedir}")
def pinned = (root.getText('UTF-8') =~ /<aws-sdk.version>([^<]+)<\/aws-sdk.version>/)[0][1]
if (!pom.contains("<aws-sdk.version>${pinned}</aws-sdk.version>")) fail("the generated pom's aws-sdk.version is not the parent POM's ${pinned}")
// the stand-in token source is registered for the tests only
new java.util.zip.ZipFile(new File(projectDir, 'target/orders-service-lambda.zip')).withCloseable { z ->
    def names = z.entries().collect { it.name }
    if (names.any { it.startsWith('META-INF/services/') && it.contains('TokenSource') }) fail('the zip registers a token stand-in')
    if (names.any { it.contains('StandInTokenSource') }) fail('the zip carries the stand-in token source')
}
// what the zip carries is enough to sign a token: its classes and lib/ alone, no HTTP client, no test jar
File unpacked = new File(projectDir, 'target/zip-check')
unpacked.deleteDir()
unpacked.mkdirs()
new java.util.zip.ZipFile(new File(projectDir, 'target/orders-service-lambda.zip')).withCloseable { z ->
    z.entries().findAll { !it.directory }.each { entry ->
        File out = new File(unpacked, entry.name)
        out.parentFile.mkdirs()
        out.bytes = z.getInputStream(entry).bytes
    }
}
File probe = new File(projectDir, 'target/SignWithTheZip.java')
probe.setText('''\
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
public class SignWithTheZip {
    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName("com.example.orders.IamAuthTokenCredentials");
        Method from = type.getDeclaredMethod("fromEnvironment", Function.class, Optional.class);
        from.setAccessible(true);
        Map<String, String> env = Map.of("DB_URL", "jdbc:mysql://db.example:3306/orders?sslMode=VERIFY_IDENTITY",
                "DB_USER", "orders_app", "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "example-secret", "AWS_SESSION_TOKEN", "example-session");
        Object credentials = ((Supplier<?>) from.invoke(null, (Function<String, String>) env::get, Optional.empty())).get();
        System.out.println("token=" + credentials.getClass().getMethod("password").invoke(credentials));
    }
}
''', 'UTF-8')
String java = new File(System.getProperty('java.home'), 'bin/java').path
def sign = new ProcessBuilder(java, '-cp', unpacked.path + File.pathSeparator + new File(unpacked, 'lib').path + '/*', probe.path)
        .redirectErrorStream(true).start()
String signed = sign.inputStream.getText('UTF-8')
if (sign.waitFor() != 0 || !(signed =~ /token=db\.example:3306\/\?.*X-Amz-Signature=[0-9a-f]{64}/)) {
    fail('the zip alone cannot sign an IAM token: ' + signed)
}

def readme = text('README.md')
['rds-db:connect', 'sslMode=VERIFY_IDENTITY', 'global-bundle.pem', 'AWSAuthenticationPlugin', 'StandInTokenSource'].each {
    if (!readme.contains(it)) fail("README.md does not mention '$it'")
}
return true
