// Lambda's java25 runtime: the project targets release 25 and builds green on a JDK 25+ (gates included).
expect = [java: '25', snapStart: false, architecture: 'x86_64', memory: '512']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))
def log = new File(context.projectDir, 'build.log').getText('UTF-8')
if (!log.contains('[debug release 25]')) throw new AssertionError('the generated project was not compiled for release 25')
return true
