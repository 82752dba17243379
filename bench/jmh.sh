#!/usr/bin/env bash
# JMH benchmarks of the hot functions (module benchmarks/). Arguments go to JMH, e.g.
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
# Built in the reactor, never installed into the shared ~/.m2; the benchmarks module comes last, so
# its classpath is the one left in the file.
JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl benchmarks -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
exec "$KR_JAVA_HOME/bin/java" -cp "$ROOT/benchmarks/target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main "$@"
