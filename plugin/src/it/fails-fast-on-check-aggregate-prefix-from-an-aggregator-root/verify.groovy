def log = new File(basedir, 'build.log').text
// at once, before any test, with the fix: not after the whole build with "No plugin found for prefix"
assert log.contains("does not declare serverless-mysql-maven-plugin, so Maven would fail after the whole build")
assert log.contains('Fix: name the goal in full, mvn verify dev.serverlessmysql:serverless-mysql-maven-plugin:')
assert !(log =~ /Tests run: \d+, Failures/)
assert log.contains('BUILD FAILURE')
return true
