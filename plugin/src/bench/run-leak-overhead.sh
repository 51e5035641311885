#!/usr/bin/env bash
# Measures the connection-leak check's overhead on a JDBC-heavy suite (leak-overhead/: 400 tests that each open a
# physical connection, 400 that each borrow from a HikariCP pool 20 times, all against the real test server).
# The suite runs several times per JVM through the JUnit Platform; JVMs with and without the leak agent alternate,
# JaCoCo is attached to both, and the first run of each JVM (server start, class loading) is left out.
# Needs the plugin ITs' repository: run "mvn -B verify" in plugin/ first.
# Usage: plugin/src/bench/run-leak-overhead.sh [jvm-pairs]   (default 3). Target: median ratio <= 1.05.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$(cd "$here/../.." && pwd)"
pairs="${1:-3}"
repo="$plugin/target/it-repo"
work="$plugin/target/bench"
leak="$repo/dev/serverlessmysql/serverless-mysql-leak-agent/0.1.0-SNAPSHOT/serverless-mysql-leak-agent-0.1.0-SNAPSHOT.jar"
jacoco="$(ls "$repo"/org/jacoco/org.jacoco.agent/*/org.jacoco.agent-*-runtime.jar | head -1)"
[ -f "$leak" ] || { echo "run mvn -B verify in $plugin first" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work"
cp -r "$here/leak-overhead" "$work/"
cat > "$work/settings.xml" <<XML
<settings><mirrors><mirror><id>local</id><url>file://${HOME}/.m2/repository</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>
XML
cd "$work/leak-overhead"
mvn -B -q -s "$work/settings.xml" -Dmaven.repo.local="$repo" test-compile dependency:build-classpath \
  -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
cp="target/test-classes:$(cat cp.txt)"
for i in $(seq "$pairs"); do
  java -javaagent:"$jacoco"=destfile=target/off.exec -cp "$cp" com.example.bench.Main 6 2>>"$work/stderr.log" | sed 's/^/off /' >> "$work/runs.txt"
  java -javaagent:"$jacoco"=destfile=target/on.exec,excludes=dev.serverlessmysql.leak.* \
    -javaagent:"$leak"=out=target/leaks -cp "$cp" com.example.bench.Main 6 2>>"$work/stderr.log" | sed 's/^/on /' >> "$work/runs.txt"
done
python3 - "$work/runs.txt" <<'PY'
import re, statistics, sys
d = {'on': {}, 'off': {}}
for line in open(sys.argv[1]):
    mode = line.split()[0]
    for k, v in re.findall(r'(run-ms|physical|pool)[ =](\d+)', line):
        d[mode].setdefault(k, []).append(int(v))
for k in ('physical', 'pool', 'run-ms'):
    on, off = statistics.median(d['on'][k]), statistics.median(d['off'][k])
    print(f"{k:9} median on {on:7.0f} ms  off {off:7.0f} ms  ratio {on / off:.3f}")
print("target: run-ms ratio <= 1.05")
PY
