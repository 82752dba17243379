#!/usr/bin/env bash
# Loopback overhead benchmark: direct to a fast mock upstream vs through Keyroute, in ONE
# interleaved run. Keyroute runs alone on core 0; the mock upstream and the load generator share
# core 1, so the ratios stay stable on this 2-core machine.
#
#   bench/run.sh [--seconds N] [--rounds N] [--warmup SECONDS] [--out FILE.json]
#   BENCH_JFR=/tmp/keyroute.jfr bench/run.sh ...   # also record a JFR profile of Keyroute's measured rounds
#   bench/run.sh --compare /path/to/other/checkout   # A/B: a second (built) Keyroute checkout measured
#                                                      interleaved as target "compare", same config
#   bench/run.sh --telemetry                         # also Keyroute with OpenTelemetry on (traces and metrics
#                                                      exported over OTLP to a local sink), measured interleaved
#                                                      as target "traced": CPU per request on/off, paired by round
#   bench/run.sh --no-streams                        # skip the streaming and 1,000-stream parts
#   bench/run.sh --no-responses                      # skip the Responses API rows (and the streamed c-/r-stream rows)
#   bench/run.sh --no-store                          # the Responses rows with "store": false (Codex over HTTP): nothing kept
#   bench/run.sh --concurrency "16"                  # measure only these concurrencies
#   bench/run.sh --guardrails                        # paired: "compare" is this checkout with the pii and
#                                                      secrets guardrails on (input and output), "keyroute" without
#   bench/run.sh --cache                             # the exact cache, paired in each round: "hit" (one cacheable
#                                                      request, temperature 0, answered from the cache of a Keyroute
#                                                      with cache.exact on), "miss" (every request new to that cache)
#                                                      and "nocache" (the same new requests, this Keyroute, cache off)
#   bench/run.sh --governance                        # governance's cost: everything a company turns on (limits and
#                                                      budgets in Redis, guardrails, a CEL policy, OpenTelemetry, the
#                                                      exact cache at 0% and 50% hits) and each feature alone, every
#                                                      one paired with Keyroute off in each round (bench/governance.sh)
#   bench/run.sh --keyroute /path/to/checkout          # measure that checkout's Keyroute (built if needed) with this
#                                                      checkout's bench (mock, bare pass-through, targets): bench/compare.sh
#   KEYROUTE_JAVA_OPTS / COMPARE_JAVA_OPTS           # JVM options for Keyroute / the compared one
#
# Prints a table and writes JSON (default bench/results/<UTC time>.json). Measures: requests/s and
# p50/p99 at concurrency 1, 16 and 64; Keyroute CPU per request (from /proc); the same for POST
# /v1/responses, passed through (an openai provider on the mock) and translated to a chat completion
# (the openai-compatible one), each Responses row's CPU per request also as a ratio to the chat
# path's (issue 20's target: within 1.3x), its latency against the mock's own /v1/responses; the
# translated one streamed too ("r-stream"), against a streamed chat request ("c-stream", both
# against the mock's own chat stream, "s-direct");
# peak RSS; streaming time to first byte and total time with a slow upstream (20 ms per event); the proxies' CPU per
# request split by thread (serving, the usage ledger's writer, GC, JIT); RSS with 1,000
# concurrent open streams; start-to-ready time (on core 0, and on both cores). The streaming figures
# are taken for the bare Helidon pass-through too, as the floor any Helidon proxy pays on this machine.
# Keyroute runs with the defaults a user gets, logging included (INFO: an access-log line per request).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN=5
ROUNDS=3
WARMUP=40
OUT=""
COMPARE=""
STREAMS=1
RESPONSES=1
STORE=1
GUARDED=0
CONCURRENCY="1 16 64"
TELEMETRY=0
CACHE=0
GOVERNANCE=0
KEYROUTE_ROOT="$ROOT"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --compare) COMPARE="$(cd "$2" && pwd -P)"; shift 2 ;;
    --telemetry) TELEMETRY=1; shift ;;
    --no-streams) STREAMS=0; shift ;;
    --no-responses) RESPONSES=0; shift ;;
    --no-store) STORE=0; shift ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --guardrails) GUARDED=1; shift ;;
    --cache) CACHE=1; shift ;;
    --governance) GOVERNANCE=1; shift ;;
    --keyroute) KEYROUTE_ROOT="$(cd "$2" && pwd -P)"; shift 2 ;;
    *) echo "usage: bench/run.sh [--seconds N] [--rounds N] [--warmup SECONDS] [--out FILE.json] [--compare DIR] [--keyroute DIR] [--guardrails] [--telemetry] [--cache] [--governance] [--no-streams] [--no-responses] [--no-store] [--concurrency \"1 16 64\"]" >&2; exit 2 ;;
  esac
done
((GUARDED)) && COMPARE="$KEYROUTE_ROOT"

# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
bench_init "[bench]"
for checkout in "$KEYROUTE_ROOT" "$COMPARE"; do
  [[ -n "$checkout" && "$checkout" != "$ROOT" ]] && build_checkout "$checkout"
done

FAST_PORT=18091
SLOW_PORT=18092
KR_PORT=18090
BARE_PORT=18093
COMPARE_PORT=18094
BARE_SLOW_PORT=18095
SINK_PORT=18097
TRACED_PORT=18098
CACHED_PORT=18099

start_mock $FAST_PORT
start_mock $SLOW_PORT --chunk-delay-ms=20

keyroute_dir() { # dir port: Keyroute's config for an instance (each has its own port and SQLite data)
  mkdir -p "$1"
  cat >"$1/keyroute.yaml" <<YAML
server: { host: 127.0.0.1, port: $2, upstream_connections: 2048 }
providers:
  - id: fast
    type: openai-compatible
    base_url: http://127.0.0.1:$FAST_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
  - id: slow
    type: openai-compatible
    base_url: http://127.0.0.1:$SLOW_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
  - id: fast-openai # the same mock as OpenAI itself: /v1/responses passed through, not translated
    type: openai
    base_url: http://127.0.0.1:$FAST_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
routes:
  - name: bench
    strategy: fallback
    candidates: [fast/gpt-4o-mini]
  - name: bench-openai
    strategy: fallback
    candidates: [fast-openai/gpt-4o-mini]
YAML
}

# Keyroute with auth, routing, credential resolution and accounting on (and the --compare one).
KR_OPTS="${KEYROUTE_JAVA_OPTS:-}"
# Whole stacks in the profile: JFR's default depth (64) cuts the callers off Helidon's deep ones.
[[ -n "${BENCH_JFR:-}" ]] && KR_OPTS="$KR_OPTS -XX:FlightRecorderOptions:stackdepth=256"
start_timed() { # dir port [cores] -> starts Keyroute from dir, waits until ready; STARTED_PID, READY_MS
  local start_ns
  start_ns=$(date +%s%N)
  start_keyroute "$KEYROUTE_ROOT" "$1" "$KR_OPTS" "${3:-0}"
  wait_http "http://127.0.0.1:$2/ready" 200
  READY_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}
keyroute_dir "$WORK/kr" $KR_PORT
write_start_cache "$KEYROUTE_ROOT" "$WORK/kr" $KR_PORT "$KR_OPTS"
start_timed "$WORK/kr" $KR_PORT
KR_PID=$STARTED_PID
ready_runs_ms="$READY_MS"
KEYROUTE_KEY=$(new_key $KR_PORT)
TARGETS="through bare"
if [[ -n "$COMPARE" ]]; then
  keyroute_dir "$WORK/compare" $COMPARE_PORT
  if ((GUARDED)); then # every request's texts and every answer's (each stream event) checked
    cat >>"$WORK/compare/keyroute.yaml" <<YAML
guardrails:
  - { name: pii, type: pii, on: [input, output], action: redact }
  - { name: secrets, type: secrets, on: [input, output], action: block }
YAML
  fi
  write_start_cache "$COMPARE" "$WORK/compare" $COMPARE_PORT "${COMPARE_JAVA_OPTS:-}"
  start_keyroute "$COMPARE" "$WORK/compare" "${COMPARE_JAVA_OPTS:-}"
  COMPARE_PID=$STARTED_PID
  wait_http "http://127.0.0.1:$COMPARE_PORT/ready" 200
  COMPARE_KEY=$(new_key $COMPARE_PORT)
  TARGETS="through compare bare"
fi
# Telemetry on: the same Keyroute with OTEL_EXPORTER_OTLP_ENDPOINT set (the SDK's defaults otherwise:
# every request traced, spans batched, metrics every 60 s), exporting to a sink on core 1 (lib.sh).
((TELEMETRY || GOVERNANCE)) && start_otlp_sink $SINK_PORT
if ((TELEMETRY)); then
  keyroute_dir "$WORK/traced" $TRACED_PORT
  start_keyroute "$KEYROUTE_ROOT" "$WORK/traced" "$KR_OPTS" 0 OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" \
    OTEL_SERVICE_NAME=keyroute-bench
  TRACED_PID=$STARTED_PID
  wait_http "http://127.0.0.1:$TRACED_PORT/ready" 200
  TRACED_KEY=$(new_key $TRACED_PORT)
  TARGETS="${TARGETS/through/through traced}"
fi
# The exact cache on: the same Keyroute with cache.exact enabled (in-process, the defaults otherwise).
if ((CACHE)); then
  keyroute_dir "$WORK/cached" $CACHED_PORT
  cat >>"$WORK/cached/keyroute.yaml" <<YAML
cache:
  exact: { enabled: true, ttl_s: 3600 }
YAML
  start_keyroute "$KEYROUTE_ROOT" "$WORK/cached" "$KR_OPTS" 0
  CACHED_PID=$STARTED_PID
  wait_http "http://127.0.0.1:$CACHED_PORT/ready" 200
  CACHED_KEY=$(new_key $CACHED_PORT)
  TARGETS="$TARGETS hit miss nocache"
fi
GOV_TARGETS=""
if ((GOVERNANCE)); then
  # shellcheck source=governance.sh
  source "$ROOT/bench/governance.sh"
  governance_start
fi
# POST /v1/responses through this Keyroute (not the compared one): passed through and translated,
# measured against the mock's own /v1/responses ("rdirect").
RESPONSE_TARGETS=""
((RESPONSES)) && RESPONSE_TARGETS="rpass rtrans"
# Streamed through this Keyroute: a chat request and a Responses one translated (to the fast mock,
# which sends its events at once), measured against the mock's own chat stream ("sdirect").
STREAM_TARGETS=""
((RESPONSES)) && STREAM_TARGETS="cstream rstream"

# The floor: a bare Helidon server + client forwarding to the fast mock, pinned on core 0 like Keyroute,
# with the launcher's default JVM options
# (started after Keyroute is ready, so it does not slow Keyroute's start; each idles while the other
# is measured).
start_bare $BARE_PORT $FAST_PORT
BARE_PID=$STARTED_PID
if ((STREAMS)); then # the streaming floor: the same pass-through in front of the slow mock
  start_bare $BARE_SLOW_PORT $SLOW_PORT
  BARE_SLOW_PID=$STARTED_PID
fi

body() { # model stream — streams ask for usage, as Keyroute itself does upstream, so both sides get the same events
  local options=""
  [[ "$2" == true ]] && options=',"stream_options":{"include_usage":true}'
  printf '{"model":"%s","stream":%s%s,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello to the benchmark in five words."}]}' "$1" "$2" "$options"
}
responses_body() { # model stream — the chat body's turns as the SDKs send them to /v1/responses
  local store=""
  ((STORE)) || store='"store":false,'
  printf '{%s"model":"%s","stream":%s,"instructions":"You are terse.","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Say hello to the benchmark in five words."}]}]}' "$store" "$1" "$2"
}
at_zero() { # model suffix — the chat body at temperature 0 (cacheable), its question ending in suffix
  printf '{"model":"%s","temperature":0,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello to the benchmark in five words.%s"}]}' "$1" "$2"
}
cacheable_body() { # model — one cacheable request, the same every time: the cache's hits
  at_zero "$1" ""
}
new_body() { # model — a cacheable request none sent before (post-new.lua makes NONCE new each time): the cache's misses
  at_zero "$1" " NONCE"
}
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.body = os.getenv("BENCH_BODY")
LUA
# Each request's body new: NONCE replaced by this run's id and the request's number (one wrk thread);
# with BENCH_REPEAT=k, every k-th request is the same one instead (NONCE "again": a cache hit after the first).
cat >"$WORK/post-new.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
local template, run, every, n = os.getenv("BENCH_BODY"), os.getenv("BENCH_RUN"), tonumber(os.getenv("BENCH_REPEAT")), 0
request = function()
  n = n + 1
  local nonce = (every > 0 and n % every == 0) and "again" or (run .. "-" .. n)
  return wrk.format(nil, nil, nil, (template:gsub("NONCE", nonce)))
end
LUA

cache_status() { # port key body -> the x-keyroute-cache header the Keyroute on port answers it with
  curl -s -o /dev/null -D - "http://127.0.0.1:$1/v1/chat/completions" -H "Authorization: Bearer $2" \
    -H 'Content-Type: application/json' -d "$3" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-keyroute-cache" {print $2}'
}
if ((CACHE)); then # the cache rows measure what they say: a request sent again is a hit, a new one a miss
  cache_status $CACHED_PORT "$CACHED_KEY" "$(cacheable_body bench)" >/dev/null
  hit=$(cache_status $CACHED_PORT "$CACHED_KEY" "$(cacheable_body bench)")
  miss=$(cache_status $CACHED_PORT "$CACHED_KEY" "$(at_zero bench " once")")
  [[ "$hit" == hit && "$miss" == miss ]] || { echo "[bench] cache on: expected hit and miss, got '$hit' and '$miss'" >&2; exit 1; }
fi
((GOVERNANCE)) && governance_check
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: the whole process, exited threads included
# Each thread's time on a CPU in ns (schedstat), one "tid name ns" line per thread: split by what
# the threads do, it shows where a proxy's CPU per request goes (the groups: run_wrk).
thread_cpu() { # pid
  local t name ns rest
  for t in /proc/"$1"/task/*; do
    { read -r name <"$t/comm" && read -r ns rest <"$t/schedstat"; } 2>/dev/null && echo "${t##*/} ${name// /_} $ns"
  done
}
CLK_TCK=$(getconf CLK_TCK)

run_wrk() { # target concurrency -> prints "rps p50_us p99_us requests cpu_us" and the CPU µs of each thread group
  local target="$1" conc="$2" url key model pid="" request=body stream=false script="$WORK/post.lua" repeat=0
  case "$target" in
    direct) url="http://127.0.0.1:$FAST_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini" ;;
    bare) url="http://127.0.0.1:$BARE_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"; pid=$BARE_PID ;;
    through) url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID ;;
    compare) url="http://127.0.0.1:$COMPARE_PORT/v1/chat/completions"; key="$COMPARE_KEY"; model="bench"; pid=$COMPARE_PID ;;
    traced) url="http://127.0.0.1:$TRACED_PORT/v1/chat/completions"; key="$TRACED_KEY"; model="bench"; pid=$TRACED_PID ;;
    rdirect) url="http://127.0.0.1:$FAST_PORT/v1/responses"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"; request=responses_body ;;
    rpass) url="http://127.0.0.1:$KR_PORT/v1/responses"; key="$KEYROUTE_KEY"; model="bench-openai"; pid=$KR_PID; request=responses_body ;;
    rtrans) url="http://127.0.0.1:$KR_PORT/v1/responses"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID; request=responses_body ;;
    sdirect) url="http://127.0.0.1:$FAST_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; model="gpt-4o-mini"; stream=true ;;
    cstream) url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID; stream=true ;;
    rstream) url="http://127.0.0.1:$KR_PORT/v1/responses"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID; request=responses_body; stream=true ;;
    hit) url="http://127.0.0.1:$CACHED_PORT/v1/chat/completions"; key="$CACHED_KEY"; model="bench"; pid=$CACHED_PID; request=cacheable_body ;;
    miss) url="http://127.0.0.1:$CACHED_PORT/v1/chat/completions"; key="$CACHED_KEY"; model="bench"; pid=$CACHED_PID; request=new_body; script="$WORK/post-new.lua" ;;
    nocache) url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; model="bench"; pid=$KR_PID; request=new_body; script="$WORK/post-new.lua" ;;
    *) gov_target "$target" ;;
  esac
  local before=0 after=0
  : >"$WORK/threads-before.txt"
  : >"$WORK/threads-after.txt"
  if [[ -n "$pid" ]]; then before=$(cpu_ticks "$pid"); thread_cpu "$pid" >"$WORK/threads-before.txt"; fi
  # The run's id in letters: a long run of digits would be a phone or card number to the pii guardrail.
  BENCH_KEY="$key" BENCH_BODY="$($request "$model" $stream)" BENCH_RUN="$target-$(date +%s%N | tr 0-9 a-j)" \
    BENCH_REPEAT="$repeat" taskset -c 1 wrk -t1 \
    -c"$conc" -d"${SECONDS_PER_RUN}s" --latency -s "$script" "$url" >"$WORK/wrk.txt" 2>&1
  if [[ -n "$pid" ]]; then thread_cpu "$pid" >"$WORK/threads-after.txt"; after=$(cpu_ticks "$pid"); fi
  python3 - "$WORK/wrk.txt" "$((after - before))" "$WORK/threads-before.txt" "$WORK/threads-after.txt" "$CLK_TCK" <<'PY'
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
tick_us = 1e6 / int(sys.argv[5])
def group(name):  # the JIT compilers; the usage ledger's writer; G1's threads and the VM thread (safepoints); the rest serves
    if name.startswith(("C1_Compiler", "C2_Compiler")):
        return "jit"
    if name.startswith("keyroute-usage"):
        return "ledger"
    if name.startswith(("GC_Thread", "G1_", "VM_Thread")):
        return "gc"
    return "serving"
def threads(path):
    return {tid: (name, int(ns)) for tid, name, ns in (line.split() for line in open(path))}
before, after = threads(sys.argv[3]), threads(sys.argv[4])
groups = dict.fromkeys(("serving", "ledger", "gc", "jit"), 0.0)
for tid, (name, ns) in after.items():  # a thread started during the run counts whole
    groups[group(name)] += (ns - before.get(tid, (name, 0))[1]) / 1e3
print(rps, p["50"], p["99"], reqs, int(sys.argv[2]) * tick_us, *("%.0f" % us for us in groups.values()))
PY
}

# Warm-up: the JIT needs tens of seconds of traffic before a JVM reaches its steady state (C2
# compiles, and recompiles after "unreached" deoptimisations). Keyroute and the bare pass-through
# get WARMUP seconds each at concurrency 16 and 1 before anything is measured; the table's
# "jit us/req" column shows what the compiler threads still used while measuring.
echo "[bench] Keyroute with a user's defaults: $KEYROUTE_LOGGING" >&2
echo "[bench] warming up (${WARMUP}s each)" >&2
targets=($TARGETS $RESPONSE_TARGETS $STREAM_TARGETS)
warm_end=$((SECONDS + WARMUP * ${#targets[@]})) # each target gets WARMUP seconds of load
while ((SECONDS < warm_end)); do
  for target in $TARGETS $RESPONSE_TARGETS $STREAM_TARGETS; do
    run_wrk "$target" 16 >/dev/null
    run_wrk "$target" 1 >/dev/null
  done
done
((GOVERNANCE)) && governance_warmup
run_wrk direct 16 >/dev/null
((RESPONSES)) && run_wrk rdirect 16 >/dev/null && run_wrk sdirect 16 >/dev/null

# The profile covers the measured rounds only (steady state), not start-up and warm-up.
if [[ -n "${BENCH_JFR:-}" ]]; then
  "$KR_JAVA_HOME/bin/jcmd" "$KR_PID" JFR.start name=bench settings=profile method-profiling=max filename="$BENCH_JFR" >/dev/null
fi

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for conc in $CONCURRENCY; do
    for target in direct $TARGETS $GOV_TARGETS ${RESPONSE_TARGETS:+rdirect $RESPONSE_TARGETS} ${STREAM_TARGETS:+sdirect $STREAM_TARGETS}; do
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
# each way, interleaved, timing the arrival of every event (bench/stream_probe.py). The bare
# pass-through gets the same warm-up, probe and 1,000 streams: on this machine an idle core's
# wake-up and G1's sizing under a saturated core are most of both figures, and the bare one shows
# how much of that any Helidon proxy pays.
stream_load() { # port key model connections seconds [wrk options…]
  local port="$1" key="$2" model="$3" conns="$4" secs="$5"
  shift 5
  BENCH_KEY="$key" BENCH_BODY="$(body "$model" true)" taskset -c 1 wrk -t1 -c"$conns" -d"${secs}s" "$@" \
    -s "$WORK/post.lua" "http://127.0.0.1:$port/v1/chat/completions"
}
# 1,000 concurrent open streams (each ~20 ms x events long); RSS sampled while they are open.
# A long wrk timeout: a timed-out stream would be replaced while the proxy still holds the old one.
many_streams() { # port key model pid name -> prints the peak RSS in KB; wrk's report in $WORK/streams-NAME.txt
  local rss peak=0 wrk_pid
  stream_load "$1" "$2" "$3" 1000 "$SECONDS_PER_RUN" --timeout 30s >"$WORK/streams-$5.txt" 2>&1 &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$4/status")
    ((rss > peak)) && peak=$rss
    sleep 0.2
  done
  wait "$wrk_pid" || true
  echo "$peak"
}
rss_streams_kb=0
bare_rss_streams_kb=0
if ((STREAMS)); then
  echo "[bench] streaming" >&2
  stream_load $KR_PORT "$KEYROUTE_KEY" slow/gpt-4o-mini 64 "$WARMUP" >/dev/null 2>&1
  stream_load $BARE_SLOW_PORT "$UPSTREAM_KEY" gpt-4o-mini 64 "$WARMUP" >/dev/null 2>&1
  COMPARE_PROBE=()
  if [[ -n "$COMPARE" ]]; then # the compared one's streams too, interleaved with the others'
    stream_load $COMPARE_PORT "$COMPARE_KEY" slow/gpt-4o-mini 64 "$WARMUP" >/dev/null 2>&1
    COMPARE_PROBE=(compare "http://127.0.0.1:$COMPARE_PORT/v1/chat/completions" "$COMPARE_KEY" slow/gpt-4o-mini)
  fi
  taskset -c 1 python3 "$ROOT/bench/stream_probe.py" 20 \
    "http://127.0.0.1:$SLOW_PORT/v1/chat/completions" "$UPSTREAM_KEY" gpt-4o-mini \
    "http://127.0.0.1:$KR_PORT/v1/chat/completions" "$KEYROUTE_KEY" slow/gpt-4o-mini \
    bare "http://127.0.0.1:$BARE_SLOW_PORT/v1/chat/completions" "$UPSTREAM_KEY" gpt-4o-mini \
    "${COMPARE_PROBE[@]}" >"$WORK/stream.json"

  echo "[bench] 1000 concurrent streams" >&2
  rss_streams_kb=$(many_streams $KR_PORT "$KEYROUTE_KEY" slow/gpt-4o-mini "$KR_PID" keyroute)
  bare_rss_streams_kb=$(many_streams $BARE_SLOW_PORT "$UPSTREAM_KEY" gpt-4o-mini "$BARE_SLOW_PID" bare)
fi
rss_peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$KR_PID/status")

# Start to ready once more, twice, at the end (every other process idle, each from an empty data
# directory as the first start was): one start is a noisy figure on this machine. Then three starts
# on both cores, as a user's start on this machine runs (start-up work runs on several threads: the
# JIT compilers and a warm-up thread beside the main one).
START_PORT=18096
timed_start_and_stop() { # dir [cores] -> READY_MS
  keyroute_dir "$1" $START_PORT
  start_timed "$1" $START_PORT "${2:-0}"
  kill "$STARTED_PID"
  wait "$STARTED_PID" 2>/dev/null || true
}
for run in 2 3; do
  timed_start_and_stop "$WORK/start$run"
  ready_runs_ms="$ready_runs_ms $READY_MS"
done
ready_both_cores_ms=""
for run in 1 2 3; do
  timed_start_and_stop "$WORK/start-both$run" 0,1
  ready_both_cores_ms="$ready_both_cores_ms $READY_MS"
done

SINK_STATS=""
((TELEMETRY || GOVERNANCE)) && SINK_STATS="$(curl -sf "http://127.0.0.1:$SINK_PORT/")"
((GOVERNANCE)) && governance_budgets >"$WORK/budgets.json"
OUT="${OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$OUT")"
commit_of() { # checkout -> its commit, "+changes" when its files differ from it
  local commit
  commit=$(git -C "$1" rev-parse --short HEAD 2>/dev/null) || { echo unknown; return; }
  [[ -z "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]] || commit="$commit+changes"
  echo "$commit"
}
# (bench/compare.sh names the revisions it exported: those have no .git)
BENCH_COMMIT="${BENCH_COMMIT:-$(commit_of "$KEYROUTE_ROOT")}" \
  BENCH_COMPARE_COMMIT="${COMPARE:+${BENCH_COMPARE_COMMIT:-$(commit_of "$COMPARE")}}" \
  BENCH_STORE="$STORE" BENCH_SINK_STATS="$SINK_STATS" python3 - "$RESULTS" "$WORK/stream.json" "$WORK" "$OUT" "$ready_runs_ms" "$rss_peak_kb" "$rss_streams_kb" \
  "$bare_rss_streams_kb" "$SECONDS_PER_RUN" "$ROUNDS" "$WARMUP" "$ready_both_cores_ms" "$KEYROUTE_LOGGING" <<'PY'
import json, os, re, statistics, sys, datetime, platform
results, streams, work, out, ready_runs, rss_peak, rss_streams, bare_rss_streams, secs, rounds, warmup, ready_both, logging = sys.argv[1:]
ready_runs = [int(ms) for ms in ready_runs.split()]
ready_both = [int(ms) for ms in ready_both.split()]
ready_ms = "%d ms (median of %s) on core 0, %d ms (median of %s) on both cores" % (statistics.median(ready_runs),
    ", ".join(map(str, ready_runs)), statistics.median(ready_both), ", ".join(map(str, ready_both)))
rows = [l.split() for l in open(results) if l.strip()]
def cpu_model():
    return next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
GROUPS = ("serving", "ledger", "gc", "jit")  # as run_wrk prints them
table = {}
for r in rows:
    _, conc, target, rps, p50, p99, reqs, cpu = r[:8]
    by_thread = dict(zip(GROUPS, map(float, r[8:])))
    table.setdefault((int(conc), target), []).append((float(rps), float(p50), float(p99), int(reqs), float(cpu), by_thread))
med = lambda xs: statistics.median(xs)
spread = lambda xs: round((max(xs) - min(xs)) / med(xs) * 100, 1) if med(xs) else 0.0
report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "commit": os.environ["BENCH_COMMIT"], "compare_commit": os.environ["BENCH_COMPARE_COMMIT"] or None,
          "machine": "%s, %d cores (%s)" % (platform.machine(), os.cpu_count(), cpu_model()),
          "seconds_per_run": int(secs), "rounds": int(rounds), "warmup_s": int(warmup),
          "start_to_ready_ms": int(statistics.median(ready_runs)), "start_to_ready_runs_ms": ready_runs,
          "start_to_ready_both_cores_ms": int(statistics.median(ready_both)), "start_to_ready_both_cores_runs_ms": ready_both,
          "peak_rss_mb": round(int(rss_peak) / 1024, 1), "keyroute_logging": logging, "responses_store": os.environ.get("BENCH_STORE") == "1",
          "concurrency": {},
          # every measurement, for pairing by round (bench/report.py): cpu_us is the whole process's, by_thread its split
          "measurements": [{"round": int(r[0]), "concurrency": int(r[1]), "target": r[2], "rps": float(r[3]),
                      "p50_us": float(r[4]), "p99_us": float(r[5]), "requests": int(r[6]), "cpu_us": float(r[7]),
                      "by_thread": dict(zip(GROUPS, map(float, r[8:])))} for r in rows]}
if os.environ.get("BENCH_SINK_STATS"):  # --telemetry, --governance: the OTLP requests the sink received, by path
    report["telemetry_otlp_requests"] = json.loads(os.environ["BENCH_SINK_STATS"])
    print("telemetry on: OTLP requests received by the sink: %s" % report["telemetry_otlp_requests"])
print("\nKeyroute overhead (median of %s interleaved rounds, %ss each after %ss warm-up; Keyroute and the bare "
      "Helidon pass-through on core 0, mock + wrk on core 1; Keyroute with a user's defaults: %s)"
      % (rounds, secs, warmup, logging))
print("%-5s %-8s %9s %6s %8s %9s %8s %9s %8s %8s %7s" % ("conc", "target", "rps", "ratio", "p50 us", "p50 added",
      "p99 us", "p99 added", "cpu/req", "jit/req", "rps±%"))
def baseline(conc, target, name, shown, row):  # the mock itself, straight from wrk
    d = table[(conc, target)]
    row.update({name + "_rps": med([x[0] for x in d]), name + "_p50_us": med([x[1] for x in d]),
                name + "_p99_us": med([x[2] for x in d])})
    print("%-5d %-8s %9.0f %6s %8.0f %9s %8.0f %9s %8s %8s %7.1f" % (conc, shown,
          row[name + "_rps"], "", row[name + "_p50_us"], "", row[name + "_p99_us"], "", "", "", spread([x[0] for x in d])))
def proxied(conc, target, name, shown, base, row):  # a proxy in front of the mock, against the mock alone (base)
    t = table[(conc, target)]
    rps, p50, p99 = med([x[0] for x in t]), med([x[1] for x in t]), med([x[2] for x in t])
    cpu = med([c / n for (_, _, _, n, c, _) in t])
    by_thread = {g: round(med([b[g] / n for (_, _, _, n, _, b) in t]), 1) for g in GROUPS}
    jit = by_thread["jit"]
    row.update({name + "_rps": rps, name + "_p50_us": p50, name + "_p99_us": p99,
                name + "_rps_ratio": round(rps / row[base + "_rps"], 3),
                name + "_added_p50_us": round(p50 - row[base + "_p50_us"], 1),
                name + "_added_p99_us": round(p99 - row[base + "_p99_us"], 1),
                name + "_cpu_us_per_request": round(cpu, 1), name + "_jit_cpu_us_per_request": round(jit, 1),
                name + "_cpu_us_per_request_by_thread": by_thread,
                name + "_rps_spread_pct": spread([x[0] for x in t])})
    print("%-5d %-8s %9.0f %6.2f %8.0f %9.0f %8.0f %9.0f %8.1f %8.1f %7.1f" % (conc, shown, rps, row[name + "_rps_ratio"],
          p50, row[name + "_added_p50_us"], p99, row[name + "_added_p99_us"], cpu, jit, row[name + "_rps_spread_pct"]))
def cpu_ratio_paired(conc, target, to):  # paired by round (each round measures both within seconds): steadier than the medians'
    pairs = [(c[4] / c[3]) / (k[4] / k[3]) for k, c in zip(table[(conc, to)], table[(conc, target)])]
    return round(med(pairs), 3), pairs
CACHED = (("hit", "cache_hit"), ("miss", "cache_miss"), ("nocache", "cache_off"))
def cpu_added_paired(conc, target, to):  # CPU µs per request of target over to's, paired by round
    added = [c[4] / c[3] - k[4] / k[3] for k, c in zip(table[(conc, to)], table[(conc, target)])]
    return round(med(added), 1), added
RESPONSES = (("rpass", "responses_passthrough", "r-pass"), ("rtrans", "responses_translated", "r-trans"))
STREAMED = (("cstream", "chat_streamed", "c-stream"), ("rstream", "responses_translated_streamed", "r-stream"))
if any(target == "rdirect" for (_, target) in table):
    print("(r-* rows: POST /v1/responses, passed through to an openai provider and translated for an "
          "openai-compatible one; ratio and added latency against r-direct, the mock's own /v1/responses; "
          "c-stream and r-stream: a chat request and a translated Responses one streamed, against s-direct, "
          "the mock's own chat stream; " + ("each response kept (store not false, OpenAI's default)"
          if os.environ.get("BENCH_STORE") == "1" else "\"store\": false: nothing kept") + ")")
for conc in sorted({c for (c, _) in table}):
    row = {}
    baseline(conc, "direct", "direct", "direct", row)
    for target, name in (("bare", "bare"), ("through", "keyroute"), ("traced", "telemetry"), ("compare", "compare")):
        if (conc, target) in table:
            proxied(conc, target, name, name, "direct", row)
    for target, name in CACHED:
        if (conc, target) in table:
            proxied(conc, target, name, target, "direct", row)
    if (conc, "rdirect") in table:  # POST /v1/responses: the mock's own, then through Keyroute
        baseline(conc, "rdirect", "responses_direct", "r-direct", row)
        for target, name, shown in RESPONSES:
            proxied(conc, target, name, shown, "responses_direct", row)
    if (conc, "sdirect") in table:  # streamed, against the mock's own chat stream
        baseline(conc, "sdirect", "stream_direct", "s-direct", row)
        for target, name, shown in STREAMED:
            proxied(conc, target, name, shown, "stream_direct", row)
    names = ("bare", "keyroute", "telemetry", "compare") + tuple(name for (_, name) in CACHED) \
        + tuple(name for (_, name, _) in RESPONSES + STREAMED)
    print("      CPU per request by thread (us): " + "; ".join(
        "%s %s" % (name, " + ".join("%s %.1f" % (g, row[name + "_cpu_us_per_request_by_thread"][g]) for g in GROUPS))
        for name in names if name + "_cpu_us_per_request_by_thread" in row))
    if (conc, "traced") in table:
        row["telemetry_cpu_ratio_paired"], pairs = cpu_ratio_paired(conc, "traced", "through")
        print("      telemetry on/off CPU per request, paired by round: median %.3f (rounds: %s)"
              % (row["telemetry_cpu_ratio_paired"], ", ".join("%.2f" % p for p in pairs)))
    if (conc, "hit") in table:  # issue 25's targets: a hit well under 1 ms of CPU; a miss at most +10 µs over the cache off
        row["cache_miss_added_cpu_us_paired"], added = cpu_added_paired(conc, "miss", "nocache")
        row["cache_hit_cpu_ratio_to_keyroute_paired"], pairs = cpu_ratio_paired(conc, "hit", "through")
        print("      exact cache: a hit %.1f us CPU per request (%.2fx a request through, paired); a miss %+.1f us over the "
              "cache off, paired by round (rounds: %s)" % (row["cache_hit_cpu_us_per_request"],
              row["cache_hit_cpu_ratio_to_keyroute_paired"], row["cache_miss_added_cpu_us_paired"],
              ", ".join("%+.1f" % a for a in added)))
    if (conc, "compare") in table:
        row["compare_cpu_ratio_paired"], pairs = cpu_ratio_paired(conc, "compare", "through")
        print("      compare/keyroute CPU per request, paired by round: median %.3f (rounds: %s)"
              % (row["compare_cpu_ratio_paired"], ", ".join("%.2f" % p for p in pairs)))
    if (conc, "rdirect") in table:
        # Issue 20's target: a Responses request costs Keyroute at most 1.3x a chat request's CPU.
        shown = []
        for target, name, _ in RESPONSES:
            row[name + "_cpu_ratio_to_chat"] = round(row[name + "_cpu_us_per_request"] / row["keyroute_cpu_us_per_request"], 3)
            row[name + "_cpu_ratio_to_chat_paired"], pairs = cpu_ratio_paired(conc, target, "through")
            shown.append("%s %.2fx (paired by round: median %.2fx; rounds: %s)" % (name.split("_")[1],
                         row[name + "_cpu_ratio_to_chat"], row[name + "_cpu_ratio_to_chat_paired"],
                         ", ".join("%.2f" % p for p in pairs)))
        if (conc, "rstream") in table:  # streamed: against a streamed chat request
            name = "responses_translated_streamed"
            row[name + "_cpu_ratio_to_chat"] = round(row[name + "_cpu_us_per_request"] / row["chat_streamed_cpu_us_per_request"], 3)
            row[name + "_cpu_ratio_to_chat_paired"], pairs = cpu_ratio_paired(conc, "rstream", "cstream")
            shown.append("translated streamed %.2fx of a streamed chat's (paired by round: median %.2fx; rounds: %s)"
                         % (row[name + "_cpu_ratio_to_chat"], row[name + "_cpu_ratio_to_chat_paired"],
                            ", ".join("%.2f" % p for p in pairs)))
        print("      Responses CPU per request / chat's (target <= 1.3x): " + "; ".join(shown))
    # Keys kept from earlier reports, for comparisons across runs.
    row["rps_ratio"], row["added_p50_us"], row["added_p99_us"] = (row["keyroute_rps_ratio"],
        row["keyroute_added_p50_us"], row["keyroute_added_p99_us"])
    report["concurrency"][str(conc)] = row
if not os.path.exists(streams):  # --no-streams
    json.dump(report, open(out, "w"), indent=2)
    print("\nstart to ready %s" % ready_ms)
    sys.exit()
st = json.load(open(streams))
report["streaming_20ms_per_event"] = st
def many_streams(name, rss_kb):
    text = open(os.path.join(work, "streams-%s.txt" % name)).read()
    done = re.search(r"(\d+) requests in", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return {"completed_streams": int(done.group(1)) if done else 0,
            "socket_errors": errors.group(1) if errors else "none",
            "rss_while_open_mb": round(int(rss_kb) / 1024, 1)}
report["open_streams_1000"] = many_streams("keyroute", rss_streams)
report["open_streams_1000_bare"] = many_streams("bare", bare_rss_streams)
print("\nstreaming (20 ms/event, median of %d, %d events): TTFB direct %.2f ms, through %.2f ms (added %.2f ms; "
      "bare pass-through added %.2f ms); largest added delay of any event %.2f ms (bare %.2f ms); total added %.2f ms"
      % (st["requests"], st["events"], st["direct_ttfb_ms"], st["keyroute_ttfb_ms"], st["added_ttfb_ms"],
         st["bare_added_ttfb_ms"], st["max_added_event_ms"], st["bare_max_added_event_ms"], st["added_total_ms"]))
if "compare_ttfb_ms" in st:  # --compare / --guardrails: the compared one's streams, paired with these
    print("compare: TTFB %.2f ms (%+.2f ms against keyroute's); largest added delay of any event %.2f ms"
          % (st["compare_ttfb_ms"], st["compare_ttfb_ms"] - st["keyroute_ttfb_ms"], st["compare_max_added_event_ms"]))
for name, key in (("keyroute", "open_streams_1000"), ("bare", "open_streams_1000_bare")):
    r = report[key]
    print("1000 concurrent streams, %-8s: %s completed in %ss (socket errors: %s); RSS while open %.1f MB"
          % (name, r["completed_streams"], secs, r["socket_errors"], r["rss_while_open_mb"]))
print("Keyroute peak RSS %.1f MB (whole run); start to ready %s" % (report["peak_rss_mb"], ready_ms))
json.dump(report, open(out, "w"), indent=2)
PY
((GOVERNANCE)) && python3 "$ROOT/bench/report.py" governance "$OUT" "$WORK/budgets.json"
python3 "$ROOT/bench/report.py" figures "$OUT"
