def log = new File(basedir, 'build.log').text
assert log.contains('the test sources hold JUnit 4 tests (org.junit.Test), but no engine runs them')
assert log.contains('<artifactId>junit-vintage-engine</artifactId>')
assert !(log =~ /Tests run: \d+, Failures/)
assert log.contains('BUILD FAILURE')
return true
