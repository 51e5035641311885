def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert !log.contains('no tests ran')
assert log.contains('connection leaks: FAILED, 1 in')
assert log.contains('com.example.LeakyTest#leaks: 1 connection left open [connection leaked]')
assert log.contains('BUILD FAILURE')
// the verdicts' JUnit XML goes beside surefire's own, in the configured folder
def junit = new File(basedir, 'target/test-results/unit/TEST-serverless-mysql.xml')
assert junit.isFile()
assert new groovy.xml.XmlSlurper().parse(junit).@failures.text() == '1'
return true
