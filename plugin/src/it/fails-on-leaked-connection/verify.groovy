def log = new File(basedir, 'build.log').text

assert log.contains('Tests run: 6, Failures: 0, Errors: 0')
assert log.contains('connection leaks: FAILED, 4 in')
// each leak: the test, the user-code line that opened it, the thread, how many
assert log.contains('com.example.LeakyTest#leaksRawJdbc: 1 connection left open [connection leaked]')
assert log.contains("opened at com.example.LeakyTest.leaksRawJdbc(LeakyTest.java:23) on thread 'main'")
assert log.contains('com.example.LeakyTest#leaksThroughRepository: 1 connection left open [connection leaked]')
assert log.contains("opened at com.example.OrderRepository.answer(OrderRepository.java:19) on thread 'main'")
assert log.contains('com.example.LeakyTest#handlerOpensAConnectionPerInvocation: 3 connections left open [handler opens a connection per invocation]')
assert log.contains('opened at com.example.PingHandler.handleRequest(PingHandler.java:19)')
assert !log.contains('LeakyTest#closesProperly:')
// a client may keep one connection, never two
assert log.contains('com.example.ClientTest#reconnectsWithoutClosing: 2 connections left open [client holds more than one connection]')
assert log =~ /com\.example\.ReconnectingClient@[0-9a-f]+ holds 2 open connections/
// the exception is listed with its reason, not counted
assert log.contains('accepted: com.example.legacy.LegacyDaoTest#leaksButIsAccepted (package com.example.legacy): legacy DAO, replaced in ISSUE-7')
assert log.contains('BUILD FAILURE')

def out = new File(basedir, 'target/serverless-mysql')
def json = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert json.leaks.status == 'failed'
assert json.leaks.violations.size() == 4
def raw = json.leaks.violations.find { it.test == 'com.example.LeakyTest#leaksRawJdbc' }
assert raw.file == 'LeakyTest.java' && raw.line == 23 && raw.thread == 'main' && raw.openCount == 1
assert json.leaks.accepted[0].reason == 'legacy DAO, replaced in ISSUE-7'
// the JUnit XML of the verdicts goes beside surefire's reports, where CI tools collect them
def junit = new File(basedir, 'target/surefire-reports/TEST-serverless-mysql.xml').text
assert junit.contains('failures="4"')
assert junit.contains('classname="com.example.LeakyTest" name="leaksRawJdbc [connection leaked]"')
return true
