#!/usr/bin/env bash
# JMH benchmarks of the hot functions (Maven module bench/benchmarks/). Arguments go to JMH, e.g.
#   bench/jmh.sh                      # all benchmarks
#   bench/jmh.sh SseRelay -f 1 -wi 2  # one class, fewer warm-up iterations
#   bench/jmh.sh -rf json -rff bench/results/jmh.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=../keyroute
source "$ROOT/keyroute"
kr_require_java javac
cd "$ROOT"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# One reactor build: sibling modules resolve to their target/ directories, nothing goes to ~/.m2.
# Every module writes its classpath to the file in turn; bench/benchmarks comes last, so its list stays.
JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl bench/benchmarks -am -Dmaven.test.skip=true package \
  dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
exec "$KR_JAVA_HOME/bin/java" -cp "$ROOT/bench/benchmarks/target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main "$@"
