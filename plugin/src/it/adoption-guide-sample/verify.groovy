// The sample is exactly what docs/adopting.md tells a user to write: every block marked <!-- sample: FILE --> is
// that file of the sample, every <!-- sample-part: FILE --> block is in it, and the page shows every file. The POM
// is compared after the invoker has filled in the toolkit's versions, so the guide names the versions it builds with.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('coverage: PASSED')
assert log.contains('connection leaks: PASSED, none')
// the three tests that ran (not four, the class counted too), the handler's connection counted as the main code's
// and the test's own check of the table as the test code's (issue 18: the summary's counts and origins)
assert log.contains('connection leaks: PASSED, none in 3 tests over 1 test JVM (1 connection from main code, 1 from test code,')
assert log.contains('BUILD SUCCESS')

// the function stays on Java 11 (class file 55); its tests are compiled for 17 (61)
def major = { File f -> byte[] b = f.bytes; ((b[6] & 0xff) << 8) | (b[7] & 0xff) }
assert major(new File(basedir, 'target/classes/com/example/orders/OrdersHandler.class')) == 55
assert major(new File(basedir, 'target/test-classes/com/example/orders/OrdersHandlerTest.class')) == 61

File guide = null
for (File dir = basedir.absoluteFile; dir != null && guide == null; dir = dir.parentFile) {
    File candidate = new File(dir, 'docs/adopting.md')
    if (candidate.isFile()) {
        guide = candidate
    }
}
assert guide != null : "docs/adopting.md not found in a folder above ${basedir}: the guide cannot be compared with the sample"

def lines = { String s -> s.readLines()*.trim().findAll { it }.join('\n') }
def shown = [] as Set
def parts = 0
def blocks = (guide.text.replace('\r\n', '\n') =~ /(?s)<!-- (sample|sample-part): (\S+) -->\n```\w*\n(.*?)```/)
blocks.each { all, kind, path, body ->
    File file = new File(basedir, path)
    assert file.isFile() : "docs/adopting.md shows ${path}, which the sample does not have"
    String actual = file.text.replace('\r\n', '\n')
    if (kind == 'sample') {
        assert body == actual : "docs/adopting.md's ${path} differs from the sample's ${file}: the page and the sample must say the same (versions included)"
        shown << path
    } else {
        assert lines(actual).contains(lines(body)) : "docs/adopting.md's snippet of ${path} is not in the sample's ${file}:\n${body}"
        parts++
    }
}
assert parts >= 4 : "docs/adopting.md lost its POM snippets (${parts} found)"

def files = ['pom.xml']
new File(basedir, 'src').eachFileRecurse(groovy.io.FileType.FILES) { files << basedir.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
assert shown.containsAll(files) : "files of the sample that docs/adopting.md does not show: ${files - shown}"
return true
