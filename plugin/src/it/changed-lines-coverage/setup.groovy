// a git history: the committed Calculator is the tag 'base'; then a working-tree change adds an untested method
// and edits a tested line
def git(String... args) {
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
    def p = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : "${cmd.join(' ')}: ${out}"
}
new File(basedir, '.git').deleteDir()
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q')
git('add', '-A')
git('commit', '-q', '-m', 'base')
git('tag', 'base')
def calculator = new File(basedir, 'src/main/java/com/example/Calculator.java')
calculator.text = calculator.text
        .replace('return a + b;', 'return b + a;')
        .replace('    public int negate(int a) {', '''    public int divide(int a, int b) {
        if (b == 0) {
            throw new IllegalArgumentException("b is 0");
        }
        return a / b;
    }

    public int negate(int a) {''')
return true
