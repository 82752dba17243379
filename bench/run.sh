#!/usr/bin/env bash
# Loopback overhead benchmark: direct to a fast mock upstream vs through Keyroute, in ONE
# interleaved run. Keyroute runs alone on core 0; the mock upstream and the load generator share
# core 1, so the ratios stay stable on this 2-core machine.
#
#   bench/run.sh [--seconds N] [--rounds N] [--out FILE.json]
#   BENCH_JFR=/tmp/keyroute.jfr bench/run.sh ...   # also record a JFR profile of Keyroute
#
# Prints a table and writes JSON (default bench/results/<UTC time>.json). Measures: requests/s and
# p50/p99 at concurrency 1, 16 and 64; Keyroute CPU per request (from /proc); peak RSS; streaming
# time to first byte and total time with a slow upstream (20 ms per event); RSS with 1,000
# concurrent open streams; start-to-ready time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN=5
ROUNDS=3
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--seconds N] [--rounds N] [--out FILE.json]" >&2; exit 2 ;;
  esac
done

# shellcheck source=../keyroute
source "$ROOT/keyroute"
kr_require_java javac
kr_build_if_needed
JAVA="$KR_JAVA_HOME/bin/java"

for tool in wrk taskset curl python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "[bench] installing $tool" >&2
    apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
  fi
done

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Test-kit classpath for the mock upstream.
(cd "$ROOT" && JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -o -pl testkit -am -Dmaven.test.skip=true install >/dev/null 2>&1 \
  || JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl testkit -am -Dmaven.test.skip=true install >/dev/null)
(cd "$ROOT" && JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl testkit dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
MOCK_CP="$ROOT/testkit/target/classes:$(cat "$WORK/cp.txt")"

UPSTREAM_KEY="sk-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_TOKEN="kr-admin-$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)"
FAST_PORT=18091
SLOW_PORT=18092
KR_PORT=18090

wait_http() { # url
  local i
  for ((i = 0; i < 200; i++)); do
    curl -sf -o /dev/null "$1" 2>/dev/null && return 0
    curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null | grep -qv '^000$' && return 0
    sleep 0.05
  done
  echo "[bench] $1 did not come up" >&2
  exit 1
}

taskset -c 1 "$JAVA" -XX:+UseG1GC -cp "$MOCK_CP" io.keyroute.testkit.FakeOpenAiMain --port=$FAST_PORT --key="$UPSTREAM_KEY" \
  >"$WORK/fast.log" 2>&1 &
PIDS+=($!)
taskset -c 1 "$JAVA" -XX:+UseG1GC -cp "$MOCK_CP" io.keyroute.testkit.FakeOpenAiMain --port=$SLOW_PORT --key="$UPSTREAM_KEY" \
  --chunk-delay-ms=20 >"$WORK/slow.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$FAST_PORT/v1/models"
wait_http "http://127.0.0.1:$SLOW_PORT/v1/models"

cat >"$WORK/keyroute.yaml" <<YAML
server: { host: 127.0.0.1, port: $KR_PORT, upstream_connections: 2048 }
providers:
  - id: fast
    type: openai-compatible
    base_url: http://127.0.0.1:$FAST_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
  - id: slow
    type: openai-compatible
    base_url: http://127.0.0.1:$SLOW_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
routes:
  - name: bench
    strategy: fallback
    candidates: [fast/gpt-4o-mini]
YAML

# Keyroute with auth, routing, credential resolution and accounting on, alone on core 0.
start_ns=$(date +%s%N)
(cd "$WORK" && BENCH_UPSTREAM_KEY="$UPSTREAM_KEY" KEYROUTE_ADMIN_TOKEN="$ADMIN_TOKEN" KEYROUTE_LOG_LEVEL=WARN \
  exec taskset -c 0 "$JAVA" -XX:+UseG1GC ${BENCH_JFR:+-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile} \
    ${KEYROUTE_JAVA_OPTS:-} -jar "$ROOT/server/target/keyroute.jar" \
  serve --config "$WORK/keyroute.yaml" >"$WORK/keyroute.log" 2>&1) &
KR_PID=$!
PIDS+=($KR_PID)
for ((i = 0; i < 400; i++)); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$KR_PORT/ready" 2>/dev/null)" == 200 ]] && break
  sleep 0.01
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

# A real Keyroute key from the vault (SQLite in $WORK/data): workspace → user → key.
admin() { # method path body -> response JSON
  curl -sf -X "$1" "http://127.0.0.1:$KR_PORT/api/v1$2" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' -d "$3"
}
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
WS=$(admin POST /workspaces '{"name":"bench","plan":"pro"}' | json_field id)
USER_ID=$(admin POST "/workspaces/$WS/users" '{"email":"bench@example.com","role":"member"}' | json_field id)
KEYROUTE_KEY=$(admin POST "/users/$USER_ID/keys" '{"name":"bench"}' | json_field key)
# `exec` above makes $KR_PID the JVM itself (taskset execs too).

body() { # model stream — streams ask for usage, as Keyroute itself does upstream, so both sides get the same events
  local options=""
  [[ "$2" == true ]] && options=',"stream_options":{"include_usage":true}'
  printf '{"model":"%s","stream":%s%s,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello to the benchmark in five words."}]}' "$1" "$2" "$options"
}
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.body = os.getenv("BENCH_BODY")
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$KR_PID/stat"; }
CLK_TCK=$(getconf CLK_TCK)

run_wrk() { # target concurrency -> prints "rps p50_us p99_us requests cpu_us"
  local target="$1" conc="$2" url key model
  if [[ "$target" == direct ]]; then
    url="http://127.0.0.1:$FAST_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"
  else
    url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="bench"
  fi
  local before after
  before=$(cpu_ticks)
  BENCH_KEY="$key" BENCH_BODY="$(body "$model" false)" taskset -c 1 wrk -t1 -c"$conc" -d"${SECONDS_PER_RUN}s" \
    --latency -s "$WORK/post.lua" "$url" >"$WORK/wrk.txt" 2>&1
  after=$(cpu_ticks)
  python3 - "$WORK/wrk.txt" "$before" "$after" "$CLK_TCK" "$target" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def micros(v):
    n, unit = float(re.match(r"[\d.]+", v).group()), re.sub(r"[\d.]+", "", v)
    return n * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
p = dict((m.group(1), micros(m.group(2))) for m in re.finditer(r"^\s+(\d+)%\s+(\S+)", text, re.M))
reqs = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.exit("wrk saw %s error responses:\n%s" % (errors.group(1), text))
cpu_us = (int(sys.argv[3]) - int(sys.argv[2])) / int(sys.argv[4]) * 1e6 if sys.argv[5] == "through" else 0
print(rps, p["50"], p["99"], reqs, cpu_us)
PY
}

# The JIT needs tens of seconds of traffic before Keyroute reaches its steady state.
echo "[bench] warming up" >&2
for _ in 1 2 3; do
  run_wrk through 16 >/dev/null
  run_wrk through 1 >/dev/null
done
run_wrk direct 16 >/dev/null

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for conc in 1 16 64; do
    for target in direct through; do
      echo "[bench] round $round/$ROUNDS c=$conc $target" >&2
      echo "$round $conc $target $(run_wrk "$target" "$conc")" >>"$RESULTS"
    done
  done
done

# Streaming: time to first byte and total, 20 ms per upstream event, sequential requests.
STREAM_RESULTS="$WORK/stream.txt"
: >"$STREAM_RESULTS"
for i in $(seq 1 20); do
  for target in direct through; do
    if [[ "$target" == direct ]]; then
      url="http://127.0.0.1:$SLOW_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"
    else
      url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="slow/gpt-4o-mini"
    fi
    echo "$target $(taskset -c 1 curl -sN -o /dev/null -w '%{time_starttransfer} %{time_total}' "$url" \
      -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$(body "$model" true)")" >>"$STREAM_RESULTS"
  done
done

# 1,000 concurrent open streams through Keyroute (each ~20 ms × events long).
echo "[bench] 1000 concurrent streams" >&2
BENCH_KEY="$KEYROUTE_KEY" BENCH_BODY="$(body slow/gpt-4o-mini true)" taskset -c 1 wrk -t1 -c1000 -d"${SECONDS_PER_RUN}s" \
  -s "$WORK/post.lua" "http://127.0.0.1:$KR_PORT/v1/chat/completions" >"$WORK/streams.txt" 2>&1 || true
rss_peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$KR_PID/status")
rss_now_kb=$(awk '/VmRSS/ {print $2}' "/proc/$KR_PID/status")

OUT="${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$OUT")"
python3 - "$RESULTS" "$STREAM_RESULTS" "$WORK/streams.txt" "$OUT" "$ready_ms" "$rss_peak_kb" "$rss_now_kb" \
  "$SECONDS_PER_RUN" "$ROUNDS" <<'PY'
import json, re, statistics, sys, datetime, platform
results, streams, many, out, ready_ms, rss_peak, rss_now, secs, rounds = sys.argv[1:]
rows = [l.split() for l in open(results) if l.strip()]
table = {}
for r in rows:
    _, conc, target, rps, p50, p99, reqs, cpu = r
    table.setdefault((int(conc), target), []).append((float(rps), float(p50), float(p99), int(reqs), float(cpu)))
med = lambda xs: statistics.median(xs)
report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "machine": platform.machine(), "seconds_per_run": int(secs), "rounds": int(rounds),
          "start_to_ready_ms": int(ready_ms), "peak_rss_mb": round(int(rss_peak) / 1024, 1),
          "concurrency": {}}
print("\nKeyroute overhead (median of %s interleaved rounds, %ss each; Keyroute on core 0, mock + wrk on core 1)" % (rounds, secs))
print("%-5s %12s %12s %6s %10s %10s %10s %10s %14s" % ("conc", "direct rps", "keyroute rps", "ratio",
      "p50 direct", "p50 added", "p99 direct", "p99 added", "cpu us/req"))
for conc in (1, 16, 64):
    d, t = table[(conc, "direct")], table[(conc, "through")]
    cpu_per_req = med([c / n for (_, _, _, n, c) in t])
    row = {"direct_rps": med([x[0] for x in d]), "keyroute_rps": med([x[0] for x in t]),
           "direct_p50_us": med([x[1] for x in d]), "keyroute_p50_us": med([x[1] for x in t]),
           "direct_p99_us": med([x[2] for x in d]), "keyroute_p99_us": med([x[2] for x in t]),
           "keyroute_cpu_us_per_request": round(cpu_per_req, 1)}
    row["rps_ratio"] = round(row["keyroute_rps"] / row["direct_rps"], 3)
    row["added_p50_us"] = round(row["keyroute_p50_us"] - row["direct_p50_us"], 1)
    row["added_p99_us"] = round(row["keyroute_p99_us"] - row["direct_p99_us"], 1)
    report["concurrency"][str(conc)] = row
    print("%-5d %12.0f %12.0f %6.2f %10.0f %10.0f %10.0f %10.0f %14.1f" % (conc, row["direct_rps"], row["keyroute_rps"],
          row["rps_ratio"], row["direct_p50_us"], row["added_p50_us"], row["direct_p99_us"], row["added_p99_us"], cpu_per_req))
s = {"direct": [], "through": []}
for l in open(streams):
    target, ttfb, total = l.split()
    s[target].append((float(ttfb) * 1e3, float(total) * 1e3))
st = {"direct_ttfb_ms": med([x[0] for x in s["direct"]]), "keyroute_ttfb_ms": med([x[0] for x in s["through"]]),
      "direct_total_ms": med([x[1] for x in s["direct"]]), "keyroute_total_ms": med([x[1] for x in s["through"]])}
st["added_ttfb_ms"] = round(st["keyroute_ttfb_ms"] - st["direct_ttfb_ms"], 2)
st["added_total_ms"] = round(st["keyroute_total_ms"] - st["direct_total_ms"], 2)
report["streaming_20ms_per_event"] = st
m = open(many).read()
done = re.search(r"(\d+) requests in", m)
report["open_streams_1000"] = {"completed_streams": int(done.group(1)) if done else 0,
                               "rss_after_mb": round(int(rss_now) / 1024, 1)}
print("\nstreaming (20 ms/event, median of 20): TTFB direct %.2f ms, through %.2f ms (added %.2f ms); total added %.2f ms"
      % (st["direct_ttfb_ms"], st["keyroute_ttfb_ms"], st["added_ttfb_ms"], st["added_total_ms"]))
print("1000 concurrent streams: %s completed; peak RSS %.1f MB (whole run); start to ready %s ms"
      % (report["open_streams_1000"]["completed_streams"], report["peak_rss_mb"], ready_ms))
json.dump(report, open(out, "w"), indent=2)
print("\nJSON: " + out)
PY
