expect = [java: '21', snapStart: true, architecture: 'arm64', memory: '2048']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))
