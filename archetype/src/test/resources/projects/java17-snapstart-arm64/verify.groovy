expect = [java: '17', snapStart: true, architecture: 'arm64', memory: '1024']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))
