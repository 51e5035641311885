def log = new File(basedir, 'build.log').text

assert log.contains('the coverage and leak agents would be dropped from the test JVM')
assert log.contains('maven-surefire-plugin sets <argLine>-Xmx256m</argLine>')
assert log.contains('Fix: <argLine>@{argLine} -Xmx256m</argLine>')
// it fails at prepare, before any test ran
assert !log.contains('Tests run:')
assert log.contains('BUILD FAILURE')
return true
