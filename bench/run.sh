#!/usr/bin/env bash
# Loopback overhead benchmark: direct to a fast mock upstream vs through Keyroute, in ONE
# interleaved run. Keyroute runs alone on core 0; the mock upstream and the load generator share
# core 1, so the ratios stay stable on this 2-core machine.
#
#   bench/run.sh [--seconds N] [--rounds N] [--warmup SECONDS] [--out FILE.json]
#   BENCH_JFR=/tmp/keyroute.jfr bench/run.sh ...   # also record a JFR profile of Keyroute's measured rounds
#   bench/run.sh --compare /path/to/other/checkout   # A/B: a second (built) Keyroute checkout measured
#                                                      interleaved as target "compare", same config
#   bench/run.sh --no-streams                        # skip the streaming and 1,000-stream parts
#   bench/run.sh --concurrency "16"                  # measure only these concurrencies
#   KEYROUTE_JAVA_OPTS / COMPARE_JAVA_OPTS           # JVM options for Keyroute / the compared one
#
# Prints a table and writes JSON (default bench/results/<UTC time>.json). Measures: requests/s and
# p50/p99 at concurrency 1, 16 and 64; Keyroute CPU per request (from /proc); peak RSS; streaming
# time to first byte and total time with a slow upstream (20 ms per event); RSS with 1,000
# concurrent open streams; start-to-ready time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN=5
ROUNDS=3
WARMUP=40
OUT=""
COMPARE=""
STREAMS=1
CONCURRENCY="1 16 64"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --compare) COMPARE="$(cd "$2" && pwd -P)"; shift 2 ;;
    --no-streams) STREAMS=0; shift ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    *) echo "usage: bench/run.sh [--seconds N] [--rounds N] [--warmup SECONDS] [--out FILE.json] [--compare DIR] [--no-streams] [--concurrency \"1 16 64\"]" >&2; exit 2 ;;
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

# One classpath (module benchmarks: the mock upstream from testkit and the bare pass-through), built
# in the reactor without touching the shared ~/.m2: dependency:build-classpath writes the file once
# per module and the benchmarks module comes last.
(cd "$ROOT" && JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -o -pl benchmarks -am -Dmaven.test.skip=true package \
  dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1 \
  || JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl benchmarks -am -Dmaven.test.skip=true package \
  dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; exit 1; }
MOCK_CP="$ROOT/benchmarks/target/classes:$(cat "$WORK/cp.txt")"

UPSTREAM_KEY="sk-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_TOKEN="kr-admin-$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)"
FAST_PORT=18091
SLOW_PORT=18092
KR_PORT=18090
BARE_PORT=18093
COMPARE_PORT=18094

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

keyroute_yaml() { # port
  cat <<YAML
server: { host: 127.0.0.1, port: $1, upstream_connections: 2048 }
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
}

# Keyroute with auth, routing, credential resolution and accounting on, alone on core 0, started by
# the launcher with its default JVM options (G1, start-up cache) plus KEYROUTE_JAVA_OPTS. Each
# instance (this checkout, and the --compare one) has its own directory, port and SQLite data.
start_keyroute() { # root dir port java_opts -> sets STARTED_PID
  mkdir -p "$2"
  keyroute_yaml "$3" >"$2/keyroute.yaml"
  (cd "$2" && BENCH_UPSTREAM_KEY="$UPSTREAM_KEY" KEYROUTE_ADMIN_TOKEN="$ADMIN_TOKEN" KEYROUTE_LOG_LEVEL=WARN \
    KEYROUTE_JAVA_OPTS="$4" exec taskset -c 0 "$1/keyroute" serve --config "$2/keyroute.yaml" >>"$2/keyroute.log" 2>&1) &
  STARTED_PID=$!
  PIDS+=($STARTED_PID)
}
wait_ready() { # port
  for ((i = 0; i < 2000; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" 2>/dev/null)" == 200 ]] && return 0
    sleep 0.01
  done
}
# The first start after a build writes the start-up cache when it stops: do that outside the measurement.
start_cache_fresh() { # root: the launcher's cache for this JDK exists and is newer than the jar
  local cache
  for cache in "$1/server/target/keyroute-java$KR_JAVA_MAJOR".{aot,jsa}; do
    [[ -f "$cache" && ! "$1/server/target/keyroute.jar" -nt "$cache" ]] && return 0
  done
  return 1
}
write_start_cache() { # root dir port java_opts
  if [[ "${KEYROUTE_START_CACHE:-on}" != off ]] && ! start_cache_fresh "$1"; then
    echo "[bench] writing the start-up cache of $1" >&2
    start_keyroute "$@"
    wait_ready "$3"
    kill "$STARTED_PID"
    wait "$STARTED_PID" 2>/dev/null || true
    rm -rf "$2"
  fi
}
# A real Keyroute key from the vault (SQLite in the instance's data dir): workspace → user → key.
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
new_key() { # port -> a kr- key
  local port="$1" ws user
  admin() { # method path body -> response JSON
    curl -sf -X "$1" "http://127.0.0.1:$port/api/v1$2" -H "Authorization: Bearer $ADMIN_TOKEN" \
      -H 'Content-Type: application/json' -d "$3"
  }
  ws=$(admin POST /workspaces '{"name":"bench","plan":"pro"}' | json_field id)
  user=$(admin POST "/workspaces/$ws/users" '{"email":"bench@example.com","role":"member"}' | json_field id)
  admin POST "/users/$user/keys" '{"name":"bench"}' | json_field key
}

KR_OPTS="${KEYROUTE_JAVA_OPTS:-}"
# Whole stacks in the profile: JFR's default depth (64) cuts the callers off Helidon's deep ones.
[[ -n "${BENCH_JFR:-}" ]] && KR_OPTS="$KR_OPTS -XX:FlightRecorderOptions:stackdepth=256"
write_start_cache "$ROOT" "$WORK/kr" $KR_PORT "$KR_OPTS"
start_ns=$(date +%s%N)
start_keyroute "$ROOT" "$WORK/kr" $KR_PORT "$KR_OPTS"
KR_PID=$STARTED_PID
wait_ready $KR_PORT
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
KEYROUTE_KEY=$(new_key $KR_PORT)
TARGETS="through bare"
if [[ -n "$COMPARE" ]]; then
  write_start_cache "$COMPARE" "$WORK/compare" $COMPARE_PORT "${COMPARE_JAVA_OPTS:-}"
  start_keyroute "$COMPARE" "$WORK/compare" $COMPARE_PORT "${COMPARE_JAVA_OPTS:-}"
  COMPARE_PID=$STARTED_PID
  wait_ready $COMPARE_PORT
  COMPARE_KEY=$(new_key $COMPARE_PORT)
  TARGETS="through compare bare"
fi
# `exec` above makes $KR_PID the JVM itself (taskset execs too).

# The floor: a bare Helidon server + client forwarding to the fast mock, pinned on core 0 like Keyroute,
# with the launcher's default JVM options
# (started after Keyroute is ready, so it does not slow Keyroute's start; each idles while the other
# is measured).
KEYROUTE_JAVA_OPTS="" kr_jvm_opts # the launcher's default JVM options, as Keyroute gets them
taskset -c 0 "$JAVA" "${KR_JVM_OPTS[@]}" -cp "$MOCK_CP" io.keyroute.benchmarks.BarePassThroughMain $BARE_PORT \
  "http://127.0.0.1:$FAST_PORT/v1" "$UPSTREAM_KEY" >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=($BARE_PID)
wait_http "http://127.0.0.1:$BARE_PORT/v1/chat/completions"

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

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid
# CPU of the JIT compiler threads: near zero once the process has reached its steady state.
jit_ticks() { # pid
  local t total=0
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == C[12]\ Compiler* ]] && total=$((total + $(awk '{print $14 + $15}' "$t/stat")))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

run_wrk() { # target concurrency -> prints "rps p50_us p99_us requests cpu_us jit_cpu_us"
  local target="$1" conc="$2" url key model pid=""
  case "$target" in
    direct) url="http://127.0.0.1:$FAST_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini" ;;
    bare) url="http://127.0.0.1:$BARE_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"; pid=$BARE_PID ;;
    through) url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID ;;
    compare) url="http://127.0.0.1:$COMPARE_PORT/v1/chat/completions"; key="$COMPARE_KEY"; model="bench"; pid=$COMPARE_PID ;;
  esac
  local before=0 after=0 jit_before=0 jit_after=0
  if [[ -n "$pid" ]]; then before=$(cpu_ticks "$pid"); jit_before=$(jit_ticks "$pid"); fi
  BENCH_KEY="$key" BENCH_BODY="$(body "$model" false)" taskset -c 1 wrk -t1 -c"$conc" -d"${SECONDS_PER_RUN}s" \
    --latency -s "$WORK/post.lua" "$url" >"$WORK/wrk.txt" 2>&1
  if [[ -n "$pid" ]]; then after=$(cpu_ticks "$pid"); jit_after=$(jit_ticks "$pid"); fi
  python3 - "$WORK/wrk.txt" "$((after - before))" "$((jit_after - jit_before))" "$CLK_TCK" <<'PY'
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
tick_us = 1e6 / int(sys.argv[4])
print(rps, p["50"], p["99"], reqs, int(sys.argv[2]) * tick_us, int(sys.argv[3]) * tick_us)
PY
}

# Warm-up: the JIT needs tens of seconds of traffic before a JVM reaches its steady state (C2
# compiles, and recompiles after "unreached" deoptimisations). Keyroute and the bare pass-through
# get WARMUP seconds each at concurrency 16 and 1 before anything is measured; the table's
# "jit us/req" column shows what the compiler threads still used while measuring.
echo "[bench] warming up (${WARMUP}s each)" >&2
targets=($TARGETS)
warm_end=$((SECONDS + WARMUP * ${#targets[@]})) # each target gets WARMUP seconds of load
while ((SECONDS < warm_end)); do
  for target in $TARGETS; do
    run_wrk "$target" 16 >/dev/null
    run_wrk "$target" 1 >/dev/null
  done
done
run_wrk direct 16 >/dev/null

# The profile covers the measured rounds only (steady state), not start-up and warm-up.
if [[ -n "${BENCH_JFR:-}" ]]; then
  "$KR_JAVA_HOME/bin/jcmd" "$KR_PID" JFR.start name=bench settings=profile method-profiling=max filename="$BENCH_JFR" >/dev/null
fi

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for conc in $CONCURRENCY; do
    for target in direct $TARGETS; do
      echo "[bench] round $round/$ROUNDS c=$conc $target" >&2
      echo "$round $conc $target $(run_wrk "$target" "$conc")" >>"$RESULTS"
    done
  done
done

if [[ -n "${BENCH_JFR:-}" ]]; then
  "$KR_JAVA_HOME/bin/jcmd" "$KR_PID" JFR.stop name=bench >/dev/null
  echo "[bench] JFR profile of the measured rounds: $BENCH_JFR" >&2
fi

# Streaming, 20 ms per upstream event: the streaming path gets its own warm-up (the rounds above
# only ran non-streaming requests; WARMUP seconds at 64 streams: after only 5 s its code was still
# interpreted or C1-compiled and the first event took 6-9 ms longer), then 20 sequential requests
# each way, interleaved, timing the arrival of every event (bench/stream_probe.py).
rss_streams_kb=0
if ((STREAMS)); then
  echo "[bench] streaming" >&2
  BENCH_KEY="$KEYROUTE_KEY" BENCH_BODY="$(body slow/gpt-4o-mini true)" taskset -c 1 wrk -t1 -c64 -d"${WARMUP}s" \
    -s "$WORK/post.lua" "http://127.0.0.1:$KR_PORT/v1/chat/completions" >/dev/null 2>&1
  taskset -c 1 python3 "$ROOT/bench/stream_probe.py" 20 \
    "http://127.0.0.1:$SLOW_PORT/v1/chat/completions" "$UPSTREAM_KEY" gpt-4o-mini \
    "http://127.0.0.1:$KR_PORT/v1/chat/completions" "$KEYROUTE_KEY" slow/gpt-4o-mini >"$WORK/stream.json"

  # 1,000 concurrent open streams through Keyroute (each ~20 ms x events long); RSS sampled while they are open.
  # A long wrk timeout: a timed-out stream would be replaced while Keyroute still holds the old one.
  echo "[bench] 1000 concurrent streams" >&2
  BENCH_KEY="$KEYROUTE_KEY" BENCH_BODY="$(body slow/gpt-4o-mini true)" taskset -c 1 wrk -t1 -c1000 --timeout 30s -d"${SECONDS_PER_RUN}s" \
    -s "$WORK/post.lua" "http://127.0.0.1:$KR_PORT/v1/chat/completions" >"$WORK/streams.txt" 2>&1 &
  WRK_PID=$!
  while kill -0 "$WRK_PID" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$KR_PID/status")
    ((rss > rss_streams_kb)) && rss_streams_kb=$rss
    sleep 0.2
  done
  wait "$WRK_PID" || true
fi
rss_peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$KR_PID/status")

OUT="${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$OUT")"
python3 - "$RESULTS" "$WORK/stream.json" "$WORK/streams.txt" "$OUT" "$ready_ms" "$rss_peak_kb" "$rss_streams_kb" \
  "$SECONDS_PER_RUN" "$ROUNDS" "$WARMUP" <<'PY'
import json, os, re, statistics, sys, datetime, platform
results, streams, many, out, ready_ms, rss_peak, rss_streams, secs, rounds, warmup = sys.argv[1:]
rows = [l.split() for l in open(results) if l.strip()]
table = {}
for r in rows:
    _, conc, target, rps, p50, p99, reqs, cpu, jit = r
    table.setdefault((int(conc), target), []).append((float(rps), float(p50), float(p99), int(reqs), float(cpu), float(jit)))
med = lambda xs: statistics.median(xs)
spread = lambda xs: round((max(xs) - min(xs)) / med(xs) * 100, 1) if med(xs) else 0.0
report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "machine": platform.machine(), "seconds_per_run": int(secs), "rounds": int(rounds), "warmup_s": int(warmup),
          "start_to_ready_ms": int(ready_ms), "peak_rss_mb": round(int(rss_peak) / 1024, 1),
          "concurrency": {}}
print("\nKeyroute overhead (median of %s interleaved rounds, %ss each after %ss warm-up; Keyroute and the bare "
      "Helidon pass-through on core 0, mock + wrk on core 1)" % (rounds, secs, warmup))
print("%-5s %-8s %9s %6s %8s %9s %8s %9s %8s %8s %7s" % ("conc", "target", "rps", "ratio", "p50 us", "p50 added",
      "p99 us", "p99 added", "cpu/req", "jit/req", "rps±%"))
for conc in sorted({c for (c, _) in table}):
    d = table[(conc, "direct")]
    row = {"direct_rps": med([x[0] for x in d]), "direct_p50_us": med([x[1] for x in d]),
           "direct_p99_us": med([x[2] for x in d])}
    print("%-5d %-8s %9.0f %6s %8.0f %9s %8.0f %9s %8s %8s %7.1f" % (conc, "direct", row["direct_rps"], "",
          row["direct_p50_us"], "", row["direct_p99_us"], "", "", "", spread([x[0] for x in d])))
    for target, name in (("bare", "bare"), ("through", "keyroute"), ("compare", "compare")):
        if (conc, target) not in table:
            continue
        t = table[(conc, target)]
        rps, p50, p99 = med([x[0] for x in t]), med([x[1] for x in t]), med([x[2] for x in t])
        cpu, jit = med([c / n for (_, _, _, n, c, _) in t]), med([j / n for (_, _, _, n, _, j) in t])
        row.update({name + "_rps": rps, name + "_p50_us": p50, name + "_p99_us": p99,
                    name + "_rps_ratio": round(rps / row["direct_rps"], 3),
                    name + "_added_p50_us": round(p50 - row["direct_p50_us"], 1),
                    name + "_added_p99_us": round(p99 - row["direct_p99_us"], 1),
                    name + "_cpu_us_per_request": round(cpu, 1), name + "_jit_cpu_us_per_request": round(jit, 1),
                    name + "_rps_spread_pct": spread([x[0] for x in t])})
        print("%-5d %-8s %9.0f %6.2f %8.0f %9.0f %8.0f %9.0f %8.1f %8.1f %7.1f" % (conc, name, rps, row[name + "_rps_ratio"],
              p50, row[name + "_added_p50_us"], p99, row[name + "_added_p99_us"], cpu, jit, row[name + "_rps_spread_pct"]))
    if (conc, "compare") in table:
        # Paired by round (each round measures both within seconds): the ratio is steadier than the medians'.
        pairs = [(c[4] / c[3]) / (k[4] / k[3]) for k, c in zip(table[(conc, "through")], table[(conc, "compare")])]
        row["compare_cpu_ratio_paired"] = round(med(pairs), 3)
        print("      compare/keyroute CPU per request, paired by round: median %.3f (rounds: %s)"
              % (row["compare_cpu_ratio_paired"], ", ".join("%.2f" % p for p in pairs)))
    # Keys kept from earlier reports, for comparisons across runs.
    row["rps_ratio"], row["added_p50_us"], row["added_p99_us"] = (row["keyroute_rps_ratio"],
        row["keyroute_added_p50_us"], row["keyroute_added_p99_us"])
    report["concurrency"][str(conc)] = row
if not os.path.exists(streams):  # --no-streams
    json.dump(report, open(out, "w"), indent=2)
    print("\nstart to ready %s ms\nJSON: %s" % (ready_ms, out))
    sys.exit()
st = json.load(open(streams))
report["streaming_20ms_per_event"] = st
m = open(many).read()
done = re.search(r"(\d+) requests in", m)
errors = re.search(r"Socket errors: (.*)", m)
report["open_streams_1000"] = {"completed_streams": int(done.group(1)) if done else 0,
                               "socket_errors": errors.group(1) if errors else "none",
                               "rss_while_open_mb": round(int(rss_streams) / 1024, 1)}
print("\nstreaming (20 ms/event, median of %d, %d events): TTFB direct %.2f ms, through %.2f ms (added %.2f ms); "
      "largest added delay of any event %.2f ms; total added %.2f ms" % (st["requests"], st["events"],
      st["direct_ttfb_ms"], st["keyroute_ttfb_ms"], st["added_ttfb_ms"], st["max_added_event_ms"], st["added_total_ms"]))
print("1000 concurrent streams: %s completed (socket errors: %s); RSS while open %.1f MB; peak RSS %.1f MB (whole run); "
      "start to ready %s ms" % (report["open_streams_1000"]["completed_streams"], report["open_streams_1000"]["socket_errors"],
      report["open_streams_1000"]["rss_while_open_mb"], report["peak_rss_mb"], ready_ms))
json.dump(report, open(out, "w"), indent=2)
print("\nJSON: " + out)
PY
