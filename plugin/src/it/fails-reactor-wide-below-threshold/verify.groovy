def log = new File(basedir, 'build.log').text
def aggregate = new File(basedir, 'target/serverless-mysql/aggregate')

// build 2: every module passes on its own; the untested module has nothing to check
assert log.contains('coverage of pricing: line 100.00% (2/2) >= 80%')
assert log.contains('no tests ran in this module: coverage not checked.')
assert log.contains('BUILD SUCCESS')

// build 3: the same <coverage> minimum on the merged reactor fails, with the table in the message
assert log.contains('serverless-mysql:check-aggregate failed for reactor fails-reactor-wide-below-threshold (3 modules).')
assert log =~ /element\s+counter\s+actual\s+required\s+gap\s+rule/
assert log =~ /reactor fails-reactor-wide-below-threshold \(3 modules\)\s+line\s+25\.00% \(2\/8\)\s+80%\s+-55\.00 pp, 5 lines more\s+<coverage>/
assert log.contains('Least-covered classes (lines):')
// the check ran once per build that asked for it (builds 1 and 3), at the root, after every module's tests
assert (log =~ /check-aggregate \(default-cli\) @ fails-reactor-wide-below-threshold/).count == 2
assert log =~ /com\.example\.reporting\.ReportFormatter 0\.00% \(0\/6\), 6 missed in ReportFormatter\.java/
assert log.contains('BUILD FAILURE')

// the same excludes apply: ReportConfig is left out of the reactor report too
assert new File(aggregate, 'coverage/index.html').isFile()
def xml = new File(aggregate, 'coverage.xml').text
assert xml.contains('com/example/pricing/PriceCalculator')
assert xml.contains('com/example/reporting/ReportFormatter')
assert !xml.contains('ReportConfig')

// build 1: no execution data anywhere fails closed, naming the modules and the fix
assert log.contains('serverless-mysql:check-aggregate failed: No module of the reactor produced execution data (looked for target/serverless-mysql/jacoco.exec in pricing, reporting)')
assert log.contains('Fix: run the aggregate check in the same build after the tests, mvn verify serverless-mysql:check-aggregate')
return true
