def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/serverless-mysql')

assert log.contains('argLine now starts with the JaCoCo agent and the connection-leak agent')
assert log.contains('serverless-mysql: coverage of passes-above-threshold: line 100.00% (5/5) >= 80%')
assert log.contains('branch 100.00% (2/2) >= 70%')
assert log.contains('coverage: PASSED')
assert log.contains('connection leaks: PASSED, none')
assert log.contains('BUILD SUCCESS')
// the report goal alone writes the same HTML and XML
assert log.contains(':report (default-cli)')
assert log.contains('serverless-mysql: coverage report written to')
assert new File(out, 'coverage/index.html').isFile()
assert new File(out, 'coverage.xml').text.contains('com/example/Calculator')
def json = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert json.passed == true
assert json.coverage.status == 'passed'
assert json.coverage.counters.line.covered == 5
assert json.leaks.status == 'passed'
def junit = new File(basedir, 'target/surefire-reports/TEST-serverless-mysql.xml').text
assert junit.contains('failures="0"')
return true
