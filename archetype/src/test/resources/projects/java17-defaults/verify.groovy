// Checks the generated project, then breaks copies of it on purpose and proves the build fails for the right reason.
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.util.concurrent.TimeUnit

expect = [java: '17', snapStart: false, architecture: 'x86_64', memory: '512']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))

File projectDir = context.projectDir
File target = projectDir.parentFile.parentFile.parentFile.parentFile.parentFile
File settings = new File(target, 'archetype-it/interpolated-settings.xml')
File itRepo = new File(target, 'it-repo')
String mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path

def breakAndBuild = { String name, Map<String, String> extraFiles ->
    File copy = new File(target, 'broken-' + name)
    copy.deleteDir()
    def source = projectDir.toPath()
    Files.walk(source).filter { !source.relativize(it).toString().startsWith('target') }.each { p ->
        def dest = copy.toPath().resolve(source.relativize(p).toString())
        if (Files.isDirectory(p)) Files.createDirectories(dest) else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING)
    }
    extraFiles.each { path, content -> def f = new File(copy, path); f.parentFile.mkdirs(); f.setText(content, 'UTF-8') }
    File log = new File(copy, 'build.log')
    def process = new ProcessBuilder(mvn, '-B', '-s', settings.path, '-Dmaven.repo.local=' + itRepo.path, 'verify')
            .directory(copy).redirectErrorStream(true).redirectOutput(log).start()
    if (!process.waitFor(15, TimeUnit.MINUTES)) { process.destroyForcibly(); throw new AssertionError("broken-$name build hung") }
    if (process.exitValue() == 0) throw new AssertionError("broken-$name built green; it must fail. Log: $log")
    return log.getText('UTF-8')
}

// -Darchetype.test.skip=true skips the archetype's own ITs: run the IT execution on a canary project with and
// without it. Without it the execution starts (and stops, as no archetype jar was packaged in that run).
File canary = new File(target, 'skip-canary/canary')
canary.mkdirs()
new File(canary, 'archetype.properties').setText('groupId=com.example\nartifactId=canary\n', 'UTF-8')
new File(canary, 'goal.txt').setText('verify', 'UTF-8')
def runItExecution = { String name, List<String> extra ->
    File log = new File(target, "skip-canary/${name}.log")
    def command = [mvn, '-B', '-N', '-s', settings.path, '-Dmaven.repo.local=' + itRepo.path, '-f',
                   new File(target.parentFile, 'pom.xml').path,
                   '-Darchetype.test.projectsDirectory=' + canary.parentFile.path] + extra +
            ['org.apache.maven.plugins:maven-archetype-plugin:3.4.1:integration-test@default-integration-test']
    def process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start()
    if (!process.waitFor(5, TimeUnit.MINUTES)) { process.destroyForcibly(); throw new AssertionError("$name hung") }
    return [process.exitValue(), log.getText('UTF-8')]
}
def started = "Unable to get the archetypes' artifact"
def (controlExit, controlLog) = runItExecution('not-skipped', [])
if (controlExit == 0 || !controlLog.contains(started)) throw new AssertionError("the canary IT run did not start: $controlLog")
def (skipExit, skipLog) = runItExecution('skipped', ['-Darchetype.test.skip=true'])
if (skipExit != 0 || skipLog.contains(started)) throw new AssertionError("-Darchetype.test.skip=true did not skip the archetype's ITs: $skipLog")

def leakLog = breakAndBuild('leak', ['src/test/java/com/example/orders/LeakyConnectionTest.java': '''\
package com.example.orders;

import dev.serverlessmysql.test.MySqlDatabase;
import dev.serverlessmysql.test.MySqlTest;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

@MySqlTest
class LeakyConnectionTest {
    @Test
    void leavesAConnectionOpen(MySqlDatabase db) throws Exception {
        DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
'''])
['Connection leaks (', 'LeakyConnectionTest#leavesAConnectionOpen', 'LeakyConnectionTest.java:12'].each {
    if (!leakLog.contains(it)) throw new AssertionError("the leak build failed, but its log does not say '$it'")
}
if (leakLog.contains('Coverage below the minimum')) throw new AssertionError('the leak build failed on coverage instead')

def untested = new StringBuilder('package com.example.orders;\n\n/** Deliberately untested. */\npublic final class ReportExporter {\n')
(1..40).each { i -> untested.append("    public static String column$i(int v) {\n        if (v > $i) {\n            return \"high$i\";\n        }\n        return \"low$i\";\n    }\n") }
untested.append('}\n')
def coverageLog = breakAndBuild('coverage', ['src/main/java/com/example/orders/ReportExporter.java': untested.toString()])
['Coverage below the minimum', 'ReportExporter'].each {
    if (!coverageLog.contains(it)) throw new AssertionError("the coverage build failed, but its log does not say '$it'")
}
if (coverageLog.contains('Connection leaks (')) throw new AssertionError('the coverage build failed on a leak instead')
return true
