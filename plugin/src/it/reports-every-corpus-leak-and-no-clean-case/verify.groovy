// Scores the corpus: every LEAK case reported, no CLEAN case reported, nothing reported outside the corpus.
def log = new File(basedir, 'build.log').text
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/serverless-mysql/report.json'))
assert json.leaks.status == 'failed'
def reported = json.leaks.violations.collect { it.test } as Set
def cases = new File(basedir, 'corpus.txt').readLines().findAll { it && !it.startsWith('#') }
        .collect { def p = it.trim().split(/\s+/); [test: p[0], label: p[1]] }
def leaks = cases.findAll { it.label == 'LEAK' }
def clean = cases.findAll { it.label == 'CLEAN' }
def missed = leaks.findAll { !reported.contains(it.test) }*.test
def falsePositives = clean.findAll { reported.contains(it.test) }*.test
def outside = reported.findAll { t -> !cases.any { it.test == t } }
def figures = "leaks reported: ${leaks.size() - missed.size()}/${leaks.size()}\n" +
        "false positives: ${falsePositives.size()}/${clean.size()}\n" +
        "reported outside the corpus: ${outside.size()}\n" +
        "missed: ${missed}\nfalse positives: ${falsePositives}\noutside: ${outside}\n"
new File(basedir, 'target/corpus-figures.txt').text = figures
println figures
assert log =~ /Tests run: \d+, Failures: 0, Errors: 0/
assert missed.isEmpty() : figures
assert falsePositives.isEmpty() : figures
assert outside.isEmpty() : figures
// the Lambda anti-pattern names the pool, its size, the line that built it and the fix
def pool = json.leaks.violations.find { it.kind == 'POOL_MULTIPLE_CONNECTIONS' && it.owner.startsWith('com.zaxxer.hikari.HikariDataSource') }
assert pool.size == 10 : pool
assert pool.builtAt.startsWith('corpus.Handlers.hikari(') && pool.handler == 'corpus.Handlers$DefaultPoolHandler' : pool
assert log.contains('maximum size 10') && log.contains('setMaximumPoolSize(1)')
def perInvocation = json.leaks.violations.find { it.kind == 'OWNER_PER_INVOCATION' && it.owner == 'dev.serverlessmysql.ServerlessMysql' }
assert perInvocation.instances == 3 : perInvocation
return true
