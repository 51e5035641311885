def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/serverless-mysql')

// the failure message itself holds the table: element, counter, actual (exact), required, gap
assert log.contains('serverless-mysql:check failed for fails-below-threshold.')
assert log =~ /element\s+counter\s+actual\s+required\s+gap\s+rule/
assert log =~ /module fails-below-threshold\s+line\s+45\.45% \(5\/11\)\s+90%\s+-44\.55 pp, 5 lines more\s+<coverage>/
assert log =~ /module fails-below-threshold\s+branch\s+33\.33% \(2\/6\)\s+70%\s+-36\.67 pp, 3 branches more\s+<coverage>/
// the least-covered classes are named
assert log.contains('Least-covered classes (lines):')
assert log =~ /com\.example\.Untested 0\.00% \(0\/4\), 4 missed in Untested\.java/
assert log.contains('BUILD FAILURE')

// second build: -DserverlessMysql.coverage.line/branch override the POM
assert log.contains('line 45.45% (5/11) >= 40%')
assert log.contains('branch 33.33% (2/6) >= 25%')
assert log.contains('BUILD SUCCESS')
def json = new groovy.json.JsonSlurper().parse(new File(out, 'report.json'))
assert json.passed == true
return true
