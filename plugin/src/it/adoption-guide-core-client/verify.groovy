// The guide's step 4 ("Move to the core client") built: every block of docs/adopting.md marked
// <!-- core-sample: FILE --> is that file of this sample, every <!-- core-sample-part: FILE --> block is in it, and
// each file of the sample is either shown by step 4 or the same as the first sample's (which step 2 shows). The POM
// is compared after the invoker has filled in the toolkit's versions.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the three tests of step 4 did not all run green'
assert log.contains('coverage: PASSED')
assert log.contains('connection leaks: PASSED, none in 3 tests over 1 test JVM')
assert log.contains('BUILD SUCCESS')

// the function's main code is on Java 17 now (class file 61), as the core client needs
def major = { File f -> byte[] b = f.bytes; ((b[6] & 0xff) << 8) | (b[7] & 0xff) }
assert major(new File(basedir, 'target/classes/com/example/orders/OrdersHandler.class')) == 61
assert major(new File(basedir, 'target/test-classes/com/example/orders/OrdersHandlerTest.class')) == 61
def handler = new File(basedir, 'src/main/java/com/example/orders/OrdersHandler.java').text
assert handler.contains('ServerlessMysql.builder()') && handler.contains('DB.end()') && !handler.contains('DriverManager')

File guide = null
for (File dir = basedir.absoluteFile; dir != null && guide == null; dir = dir.parentFile) {
    File candidate = new File(dir, 'docs/adopting.md')
    if (candidate.isFile()) {
        guide = candidate
    }
}
assert guide != null : "docs/adopting.md not found in a folder above ${basedir}: the guide cannot be compared with the sample"
File firstSample = new File(basedir.parentFile, 'adoption-guide-sample')
assert firstSample.isDirectory() : "the first sample is not beside this one: ${firstSample}"

def lines = { String s -> s.readLines()*.trim().findAll { it }.join('\n') }
def shown = [] as Set
def parts = 0
def blocks = (guide.text.replace('\r\n', '\n') =~ /(?s)<!-- (core-sample|core-sample-part): (\S+) -->\n```\w*\n(.*?)```/)
blocks.each { all, kind, path, body ->
    File file = new File(basedir, path)
    assert file.isFile() : "docs/adopting.md's step 4 shows ${path}, which the sample does not have"
    String actual = file.text.replace('\r\n', '\n')
    if (kind == 'core-sample') {
        assert body == actual : "docs/adopting.md's step 4 ${path} differs from the sample's ${file}: the page and the sample must say the same (versions included)"
        shown << path
    } else {
        assert lines(actual).contains(lines(body)) : "docs/adopting.md's step 4 snippet of ${path} is not in the sample's ${file}:\n${body}"
        parts++
    }
}
assert parts >= 2 : "docs/adopting.md's step 4 lost its POM snippets (${parts} found)"
assert shown.containsAll(['pom.xml', 'src/main/java/com/example/orders/OrdersHandler.java',
                          'src/test/java/com/example/orders/OrdersHandlerTest.java']) : "step 4 shows only ${shown}"

def files = ['pom.xml']
new File(basedir, 'src').eachFileRecurse(groovy.io.FileType.FILES) { files << basedir.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
def unchanged = files.findAll { path ->
    File before = new File(firstSample, path)
    before.isFile() && before.text == new File(basedir, path).text
}
assert shown.containsAll(files - unchanged) : "files of the sample that step 4 neither shows nor keeps as step 2 had them: ${files - unchanged - shown}"
return true
