def log = new File(basedir, 'build.log').text

// build 1: the module passes <coverage> but the changed lines fail <changedLines>, with the table and the lines
assert log =~ /coverage of changed-lines-coverage: line \d+\.\d\d% \(\d+\/\d+\) >= 50%/
assert log.contains('lines changed since base: 25.00% (1/4) < 80%')
assert log =~ /lines changed since base\s+line\s+25\.00% \(1\/4\)\s+80%\s+-55\.00 pp, 3 lines more\s+<changedLines>/
assert log.contains('Changed lines no test ran (3):')
assert log.contains('src/main/java/com/example/Calculator.java:18')
assert log.contains('src/main/java/com/example/Calculator.java:19')
assert log.contains('src/main/java/com/example/Calculator.java:21')
assert !log.contains('src/main/java/com/example/Calculator.java:6\n')

// build 2: a base git does not know is an error with the reason and the fix
assert log.contains('git merge-base no-such-base HEAD failed')
assert log.contains('fetch the base first') && log.contains('set <changedLines><base>')
assert !log.contains('BUILD SUCCESS')
return true
