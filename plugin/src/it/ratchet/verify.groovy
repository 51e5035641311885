def log = new File(basedir, 'build.log').text

assert log =~ /module ratchet\s+line\s+45\.45% \(5\/11\)\s+66\.67%\s+-21\.22 pp, 3 lines more\s+baseline 8\/12/
assert log =~ /module ratchet\s+branch\s+33\.33% \(2\/6\)\s+50%\s+.*baseline 3\/6/
assert log =~ /class com\.example\.PriceCalculator\s+line\s+71\.42% \(5\/7\)\s+100%\s+.*baseline 7\/7/
assert log.contains('Coverage fell below the committed baseline')
assert log.contains('update it with mvn verify serverless-mysql:update-baseline')
assert log.contains('coverage baseline written to')
assert log.contains('ratchet: compared with')
assert log.contains('BUILD SUCCESS')

def baseline = new File(basedir, 'serverless-mysql-baseline.properties').text
assert baseline.contains('module.line=5/11')
assert baseline.contains('module.branch=2/6')
assert baseline.contains('class.com.example.PriceCalculator.line=5/7')
assert baseline.contains('class.com.example.Untested.line=0/4')
return true
