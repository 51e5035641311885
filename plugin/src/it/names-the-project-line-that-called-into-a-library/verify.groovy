def log = new File(basedir, 'build.log').text
assert log.contains('com.example.UsesLibraryTest#forgetsTheTearDown: 1 connection left open [connection leaked]')
// the library's line, and the project's line that called into the library
assert log.contains('opened at org.example.dbtester.JdbcTester.<init>(JdbcTester.java:13), called from your code at com.example.UsesLibraryTest.forgetsTheTearDown(UsesLibraryTest.java:15)')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'app/target/serverless-mysql/report.json'))
assert json.leaks.violations[0].calledFrom == 'com.example.UsesLibraryTest.forgetsTheTearDown(UsesLibraryTest.java:15)'
assert log.contains('BUILD FAILURE')
return true
