def log = new File(basedir, 'build.log').text

assert log.contains('Tests run: 2, Failures: 0')
assert log.contains('Coverage cannot be trusted: Tests ran but wrote no execution data to')
assert log.contains('Fix: make every surefire/failsafe <argLine> start with @{argLine}')
assert log.contains('do not use <forkCount>0</forkCount>')
assert log.contains('Connection-leak check cannot be trusted: Tests ran but the leak agent left no results')
assert log.contains('BUILD FAILURE')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/serverless-mysql/report.json'))
assert json.passed == false
assert json.coverage.status == 'failed-closed'
assert json.leaks.status == 'failed-closed'
return true
