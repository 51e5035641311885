def log = new File(basedir, 'build.log').text
// the root configures nothing, so the reactor-wide check takes the modules' minimums and says so
assert log.contains("configures no minimums; using the modules' (app)")
assert log =~ /coverage of reactor check-aggregate-from-an-aggregator-root \(2 modules\): line 100\.00% \(\d+\/\d+\) >= 50%/
// worded from what happened, not from a setting the user never set
assert log.contains('connection leaks: checked per module by serverless-mysql:check; the reactor-wide check covers coverage only.')
assert !log.contains('<leakCheck>false</leakCheck>')
assert new File(basedir, 'target/serverless-mysql/aggregate/report.json').isFile()
assert log.contains('BUILD SUCCESS')
return true
