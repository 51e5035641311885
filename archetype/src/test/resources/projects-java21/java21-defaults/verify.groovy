expect = [java: '21', snapStart: false, architecture: 'x86_64', memory: '512']
new GroovyShell(binding).evaluate(new File(basedir, '../../verify-generated-project.groovy'))
