def log = new File(basedir, 'build.log').text

// handlers found from bytecode, directly and through a superclass
assert log.contains('Lambda handlers [com.example.AbstractHandler, com.example.EchoHandler, com.example.GreetingHandler]')
// the module and plain classes pass their own limits; the handler fails the stricter ones
assert log =~ /handler com\.example\.GreetingHandler\s+line\s+\S+ \(\d+\/\d+\)\s+95%\s+.*<handlers>/
assert log =~ /handler com\.example\.GreetingHandler\s+branch\s+\S+ \(\d+\/4\)\s+90%\s+.*<handlers>/
assert !(log =~ /module stricter-handler-thresholds\s+line/)
assert !(log =~ /class com\.example\.Greeter\s+line/)
assert !(log =~ /handler com\.example\.EchoHandler\s+line/)
assert log.contains('BUILD FAILURE')
def junit = new File(basedir, 'target/surefire-reports/TEST-serverless-mysql.xml').text
assert junit.contains('name="handler com.example.GreetingHandler line"')
return true
