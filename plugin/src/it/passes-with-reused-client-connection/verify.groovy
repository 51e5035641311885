def log = new File(basedir, 'build.log').text

assert log.contains('Tests run: 5, Failures: 0, Errors: 0')
// three clients (two dev.serverlessmysql.ServerlessMysql, one used through its dataSource(), and the one declared
// in <clients>) kept one connection each: counted alike, as the clients' (issue 18: counts that agree)
assert log =~ /connection leaks: PASSED, none in 5 tests over 1 test JVM \(0 connections from main code, 0 from test code, 3 from clients/
assert log.contains('BUILD SUCCESS')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/serverless-mysql/report.json'))
assert json.leaks.status == 'passed'
assert json.leaks.clientConnections == 3
assert json.leaks.userConnections == 0
return true
