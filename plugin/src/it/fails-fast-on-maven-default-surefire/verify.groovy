def log = new File(basedir, 'build.log').text
// fails at prepare, before any test "runs" as "Tests run: 0" with a misleading verdict
assert log.contains('maven-surefire-plugin 2.12.4 is too old for the JUnit Platform')
assert log.contains('<artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>')
assert !(log =~ /Tests run: \d+, Failures/)
assert !log.contains('matches none of the')
assert log.contains('BUILD FAILURE')
return true
