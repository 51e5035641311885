def log = new File(basedir, 'build.log').text

assert log.contains('serverless-mysql: prepare skipped (serverlessMysql.skip).')
assert log.contains('serverless-mysql: check skipped (serverlessMysql.skip).')
assert log.contains('Tests run: 2, Failures: 0')
assert !new File(basedir, 'target/serverless-mysql/jacoco.exec').exists()
assert log.contains('BUILD SUCCESS')
return true
