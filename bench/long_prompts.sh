#!/usr/bin/env bash
# Long prompts (issue 28 item 2): one coding agent's ~420 KB conversation (about 100K tokens; built by
# io.keyroute.benchmarks.LongPrompts: Anthropic Messages in Claude Code's shape, with a system prompt
# in cache_control blocks, 20 tools with JSON schemas and a long tool_use/tool_result history; the same
# conversation as an OpenAI chat and as Responses input items), streamed, through:
#   direct  the OpenAI mock itself (no proxy)
#   bare    a bare Helidon pass-through (BarePassThroughMain) in front of the OpenAI mock: the floor
#   oo      Keyroute, OpenAI chat -> an openai provider (pass-through: the model spliced into the bytes)
#   aa      Keyroute, Anthropic Messages -> an anthropic provider (pass-through)
#   ao      Keyroute, Anthropic Messages -> an openai provider (translated)
#   ra      Keyroute, Responses -> an anthropic provider (translated)
# Each answer is a short stream from the mock (FakeOpenAiMain; FakeAnthropicMain for the Anthropic
# wire: both scan the body for "stream":true instead of parsing it). The proxies run alone on core 0,
# the mocks and wrk on core 1 (as bench/run.sh). Printed per target: requests/s, p50, CPU per request
# of the proxy (from /proc, every thread) and requests/s per core (1 s / CPU per request; goal >= 230
# on the pass-through), the median of interleaved rounds. Allocation per request: LongPromptBenchmark
# (bench/jmh.sh LongPromptBenchmark -prof gc).
#
#   bench/long_prompts.sh [--seconds 10] [--rounds 3] [--warmup 30] [--concurrency 8] [--targets "direct bare oo aa ao ra"] [--out FILE.json]
#
# Ports 18400-18405. Writes JSON (default bench/results/long-prompts-<UTC time>.json).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN=10
ROUNDS=3
WARMUP=30
CONCURRENCY=8
TARGETS="direct bare oo aa ao ra"
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --targets) TARGETS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: bench/long_prompts.sh [--seconds N] [--rounds N] [--warmup SECONDS] [--concurrency N] [--targets \"direct bare oo aa ao ra\"] [--out FILE.json]" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
bench_init "[long]"

KR_PORT=18400
OPENAI_PORT=18401
ANTHROPIC_PORT=18402
BARE_PORT=18403

"$JAVA" -cp "$MOCK_CP" io.keyroute.benchmarks.LongPrompts "$WORK/bodies" >&2
start_mock $OPENAI_PORT
taskset -c 1 "$JAVA" -XX:+UseG1GC -cp "$MOCK_CP" io.keyroute.testkit.anthropic.FakeAnthropicMain --port=$ANTHROPIC_PORT \
  --key="$UPSTREAM_KEY" >"$WORK/mock-anthropic.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$ANTHROPIC_PORT/v1/models"

mkdir -p "$WORK/kr"
cat >"$WORK/kr/keyroute.yaml" <<YAML
server: { host: 127.0.0.1, port: $KR_PORT, upstream_connections: 2048 }
providers:
  - id: openai
    type: openai
    base_url: http://127.0.0.1:$OPENAI_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
  - id: anthropic
    type: anthropic
    base_url: http://127.0.0.1:$ANTHROPIC_PORT
    api_key: \${BENCH_UPSTREAM_KEY}
routes:
  - name: long-openai
    strategy: fallback
    candidates: [openai/gpt-4.1]
  - name: long-anthropic
    strategy: fallback
    candidates: [anthropic/claude-sonnet-4-5]
YAML
write_start_cache "$ROOT" "$WORK/kr" $KR_PORT "${KEYROUTE_JAVA_OPTS:-}"
start_keyroute "$ROOT" "$WORK/kr" "${KEYROUTE_JAVA_OPTS:-}"
KR_PID=$STARTED_PID
wait_http "http://127.0.0.1:$KR_PORT/ready" 200
KEYROUTE_KEY=$(new_key $KR_PORT)

KEYROUTE_JAVA_OPTS="" kr_jvm_opts # the launcher's default JVM options, as Keyroute gets them
taskset -c 0 "$JAVA" "${KR_JVM_OPTS[@]}" -cp "$MOCK_CP" io.keyroute.benchmarks.BarePassThroughMain $BARE_PORT \
  "http://127.0.0.1:$OPENAI_PORT/v1" "$UPSTREAM_KEY" >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=($BARE_PID)
wait_http "http://127.0.0.1:$BARE_PORT/v1/chat/completions"

# Each target's body: the caller's API's conversation with the model it asks for.
body() { # target -> the body file
  local shape model
  case "$1" in
    direct | bare) shape=openai; model=gpt-4.1 ;;
    oo) shape=openai; model=long-openai ;;
    aa) shape=anthropic; model=long-anthropic ;;
    ao) shape=anthropic; model=long-openai ;;
    ra) shape=responses; model=long-anthropic ;;
  esac
  [[ -f "$WORK/$1.json" ]] || sed "s/\"$(echo MODEL_PLACEHOLDER)\"/\"$model\"/" "$WORK/bodies/$shape.json" >"$WORK/$1.json"
  echo "$WORK/$1.json"
}
# The body read once per wrk thread; a response counts as good when it is a 200 whose stream ended as
# its API ends one (the check fails the run otherwise: a fast error is no measurement).
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.headers["anthropic-version"] = "2023-06-01"
local file = io.open(os.getenv("BENCH_FILE"), "rb")
wrk.body = file:read("*a")
file:close()
local ending = os.getenv("BENCH_END")
bad = 0
function response(status, headers, body)
  if status ~= 200 or not body:find(ending, 1, true) then
    bad = bad + 1
    if bad == 1 then io.stderr:write("bad response " .. status .. ": " .. body:sub(1, 300) .. "\n") end
  end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  io.write(string.format("bad responses %d\n", b))
end
LUA
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # pid: the whole process, exited threads included
CLK_TCK=$(getconf CLK_TCK)

run_wrk() { # target seconds -> "rps p50_us requests cpu_us"
  local target="$1" secs="$2" url key pid="" ending before=0 after=0
  case "$target" in
    direct) url="http://127.0.0.1:$OPENAI_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; ending="[DONE]" ;;
    bare) url="http://127.0.0.1:$BARE_PORT/v1/chat/completions"; key="$UPSTREAM_KEY"; pid=$BARE_PID; ending="[DONE]" ;;
    oo) url="http://127.0.0.1:$KR_PORT/v1/chat/completions"; key="$KEYROUTE_KEY"; pid=$KR_PID; ending="[DONE]" ;;
    aa | ao) url="http://127.0.0.1:$KR_PORT/v1/messages"; key="$KEYROUTE_KEY"; pid=$KR_PID; ending="message_stop" ;;
    ra) url="http://127.0.0.1:$KR_PORT/v1/responses"; key="$KEYROUTE_KEY"; pid=$KR_PID; ending="response.completed" ;;
    *) echo "[long] unknown target $target" >&2; exit 2 ;;
  esac
  [[ -n "$pid" ]] && before=$(cpu_ticks "$pid")
  BENCH_KEY="$key" BENCH_FILE="$(body "$target")" BENCH_END="$ending" taskset -c 1 wrk -t1 -c"$CONCURRENCY" \
    -d"${secs}s" --timeout 30s --latency -s "$WORK/post.lua" "$url" >"$WORK/wrk.txt" 2>&1
  [[ -n "$pid" ]] && after=$(cpu_ticks "$pid")
  python3 - "$WORK/wrk.txt" "$((after - before))" "$CLK_TCK" "$target" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
bad = re.search(r"bad responses (\d+)", text)
if not bad or int(bad.group(1)) or re.search(r"Non-2xx", text):
    sys.exit("[long] %s: failed responses:\n%s" % (sys.argv[4], text))
def micros(v):
    n, unit = float(re.match(r"[\d.]+", v).group()), re.sub(r"[\d.]+", "", v)
    return n * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
p50 = micros(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
reqs = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(rps, p50, reqs, int(sys.argv[2]) * 1e6 / int(sys.argv[3]))
PY
}

echo "[long] warming up (${WARMUP}s each: $TARGETS)" >&2
for target in $TARGETS; do
  run_wrk "$target" "$WARMUP" >/dev/null
done
RESULTS="$WORK/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for target in $TARGETS; do
    echo "[long] round $round/$ROUNDS $target" >&2
    echo "$target $(run_wrk "$target" "$SECONDS_PER_RUN")" >>"$RESULTS"
  done
done

OUT="${OUT:-$ROOT/bench/results/long-prompts-$(date -u +%Y%m%dT%H%M%SZ).json}"
mkdir -p "$(dirname "$OUT")"
python3 - "$RESULTS" "$OUT" "$WORK/bodies" "$SECONDS_PER_RUN" "$ROUNDS" "$WARMUP" "$CONCURRENCY" <<'PY'
import datetime, json, os, platform, statistics, sys
results, out, bodies, secs, rounds, warmup, conc = sys.argv[1:]
NAMES = {"direct": "the OpenAI mock itself", "bare": "bare Helidon pass-through",
         "oo": "OpenAI -> OpenAI (pass-through)", "aa": "Anthropic -> Anthropic (pass-through)",
         "ao": "Anthropic -> OpenAI (translated)", "ra": "Responses -> Anthropic (translated)"}
rows = {}
for line in open(results):
    target, rps, p50, reqs, cpu = line.split()
    rows.setdefault(target, []).append((float(rps), float(p50), int(reqs), float(cpu)))
sizes = {f[:-5]: os.path.getsize(os.path.join(bodies, f)) for f in os.listdir(bodies)}
report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "machine": platform.machine(), "cores": os.cpu_count(), "seconds_per_run": int(secs), "rounds": int(rounds),
          "warmup_s": int(warmup), "concurrency": int(conc), "body_bytes": sizes, "targets": {}}
print("\nLong prompts (~%d KB bodies, streamed answers; median of %s interleaved rounds, %ss each after %ss warm-up; "
      "concurrency %s; the proxy on core 0, mocks + wrk on core 1)" % (max(sizes.values()) // 1024, rounds, secs, warmup, conc))
print("%-7s %-38s %8s %9s %12s %13s" % ("target", "", "req/s", "p50 ms", "cpu/req us", "req/s/core"))
for target in [t for t in NAMES if t in rows]:
    r = rows[target]
    row = {"name": NAMES[target], "rps": round(statistics.median(x[0] for x in r), 1),
           "p50_ms": round(statistics.median(x[1] for x in r) / 1000, 2)}
    if any(x[3] for x in r):
        cpu = statistics.median(x[3] / x[2] for x in r)
        row.update({"cpu_us_per_request": round(cpu, 1), "requests_per_s_per_core": round(1e6 / cpu, 1)})
    report["targets"][target] = row
    print("%-7s %-38s %8.1f %9.2f %12s %13s" % (target, NAMES[target], row["rps"], row["p50_ms"],
          "%.0f" % row["cpu_us_per_request"] if "cpu_us_per_request" in row else "",
          "%.0f" % row["requests_per_s_per_core"] if "requests_per_s_per_core" in row else ""))
for target in ("oo", "aa"):
    if target in report["targets"] and "requests_per_s_per_core" in report["targets"][target]:
        per_core = report["targets"][target]["requests_per_s_per_core"]
        print("%s: %.0f requests/s per core against the goal of 230: %s" % (NAMES[target], per_core,
              "met" if per_core >= 230 else "NOT met"))
json.dump(report, open(out, "w"), indent=2)
print("\nJSON: " + out)
PY
