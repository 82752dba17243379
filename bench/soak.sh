#!/usr/bin/env bash
# Soak (issue 28 item 4): mixed traffic against one Keyroute for --minutes, its resources sampled every
# --interval seconds, and a verdict: exit 0 only when they stayed flat and no caller met an error it did
# not cause. CI runs `bench/soak.sh --minutes 2` after the tests; the hour: `bench/soak.sh --minutes 60`.
#
# Traffic (bench/benchmarks' SoakTrafficMain, --workers callers, --pause-ms between each one's requests),
# in turn: short chat requests, streams, a ~100 KB conversation streamed, streams the caller abandons
# after two events, a wrong key (401) and a malformed body (400), and three models whose provider is
# the mock's fault keys: 503 on every request, a stream that ends in an error event, a stream whose
# connection is cut. Each outcome is sorted: expected, caused by the caller, caused by the injected
# fault, or unexplained (any other error: the gateway's own).
#
# Sampled: RSS, heap used right after a full GC (jcmd GC.run, then GC.heap_info: the live heap, not
# what G1 happens to hold), platform threads, open file descriptors, and the usage ledger's queue
# (keyroute_ledger_queue_depth from /metrics). Flat: after the warm-up (a quarter of the run, at least
# 60 s and at most 5 min), the median of the last third of the samples is within the tolerance of the
# median of the first third:
#   RSS +10% + 24 MB, live heap +20% + 8 MB, threads +10% + 4, file descriptors +10% + 16, ledger queue x1.5 + 100.
# RSS gets 24 MB more because the JIT's code and working memory keep growing for minutes after start
# (a step of 14 MB at 100 s in a 2-minute run whose live heap stayed at 14 MB); docs/PERFORMANCE.md says
# what each bound can and cannot catch.
# Every sample is printed and written to $SOAK_SAMPLES (default: a file in the work directory, removed).
#
#   bench/soak.sh [--minutes 2] [--interval 10] [--workers 8] [--pause-ms 10]
#
# Keyroute on core 0, the mock and the callers on core 1 (where there is a core 1). Ports 18320-18321.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MINUTES=2
INTERVAL=10
WORKERS=8
PAUSE_MS=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --interval) INTERVAL="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --pause-ms) PAUSE_MS="$2"; shift 2 ;;
    *) echo "usage: bench/soak.sh [--minutes N] [--interval S] [--workers N] [--pause-ms MS]" >&2; exit 2 ;;
  esac
done

# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
BENCH_TOOLS="taskset curl python3" bench_init "[soak]"
KR_PORT=18320
MOCK_PORT=18321
SECONDS_TOTAL=$((MINUTES * 60))

FAULT_503="sk-fault-503-$RANDOM"
FAULT_EVENT="sk-fault-event-$RANDOM"
FAULT_CUT="sk-fault-cut-$RANDOM"
start_mock $MOCK_PORT --chunk-delay-ms=20 --fault-key="$FAULT_503=status:503" \
  --fault-key="$FAULT_EVENT=error-after:2" --fault-key="$FAULT_CUT=cut-after:2"

mkdir -p "$WORK/kr"
provider() { # id key
  printf '  - { id: %s, type: openai-compatible, base_url: "http://127.0.0.1:%s/v1", api_key: "%s" }\n' "$1" $MOCK_PORT "$2"
}
{
  echo "server: { host: 127.0.0.1, port: $KR_PORT }"
  echo "providers:"
  provider mock "\${BENCH_UPSTREAM_KEY}"
  provider faulty "$FAULT_503"
  provider broken "$FAULT_EVENT"
  provider cut "$FAULT_CUT"
} >"$WORK/kr/keyroute.yaml"
write_start_cache "$ROOT" "$WORK/kr" $KR_PORT ""
start_keyroute "$ROOT" "$WORK/kr" "" 0 KEYROUTE_MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
KR_PID=$STARTED_PID
wait_http "http://127.0.0.1:$KR_PORT/ready" 200
KEYROUTE_KEY=$(new_key $KR_PORT)

echo "[soak] ${MINUTES} min of mixed traffic ($WORKERS callers, ${PAUSE_MS} ms apart), sampled every ${INTERVAL}s" >&2
taskset -c 1 "$JAVA" -XX:+UseSerialGC -cp "$MOCK_CP" io.keyroute.benchmarks.load.SoakTrafficMain \
  "http://127.0.0.1:$KR_PORT/v1/chat/completions" "$KEYROUTE_KEY" "$SECONDS_TOTAL" "$WORKERS" "$PAUSE_MS" \
  >"$WORK/traffic.json" 2>"$WORK/traffic.log" &
TRAFFIC_PID=$!
PIDS+=($TRAFFIC_PID)

SAMPLES="${SOAK_SAMPLES:-$WORK/samples.csv}"
ledger_queue() {
  curl -sf "http://127.0.0.1:$KR_PORT/metrics" | awk '/^keyroute_ledger_queue_depth/ {print int($2); found=1} END {if (!found) print "?"}'
}
echo "seconds,rss_kb,live_heap_kb,threads,fds,ledger_queue" >"$SAMPLES"
start=$SECONDS
next=$INTERVAL
while kill -0 "$TRAFFIC_PID" 2>/dev/null && kill -0 "$KR_PID" 2>/dev/null; do
  if ((SECONDS - start >= next)); then
    line="$((SECONDS - start)),$(proc_rss_kb "$KR_PID"),$(live_heap_kb "$KR_PID"),$(proc_threads "$KR_PID"),$(proc_fds "$KR_PID"),$(ledger_queue)"
    echo "$line" >>"$SAMPLES"
    echo "[soak] $line" >&2
    next=$((next + INTERVAL))
  fi
  sleep 0.5
done
wait "$TRAFFIC_PID" || true
alive=yes
kill -0 "$KR_PID" 2>/dev/null || alive=no
logged=$(grep -cE '"level" *: *"(WARN|ERROR)"' "$WORK/kr/keyroute.log" || true)

python3 - "$SAMPLES" "$WORK/traffic.json" "$SECONDS_TOTAL" "$alive" "$logged" <<'PY'
import json, statistics, sys
samples_file, traffic_file, total, alive, logged = sys.argv[1:]
rows = [l.strip().split(",") for l in open(samples_file)][1:]
names = ["rss_kb", "live_heap_kb", "threads", "fds", "ledger_queue"]
# (relative, absolute) growth allowed from the plateau's median to the last third's
tolerance = {"rss_kb": (0.10, 24576), "live_heap_kb": (0.20, 8192), "threads": (0.10, 4), "fds": (0.10, 16),
             "ledger_queue": (0.50, 100)}
warmup = max(60, min(300, int(total) // 4))
steady = [r for r in rows if int(r[0]) >= warmup and "?" not in r]
failures = []
verdict = {}
if len(steady) < 3:
    failures.append("only %d samples after the %d s warm-up: too few to judge" % (len(steady), warmup))
else:
    third = max(1, len(steady) // 3)
    for i, name in enumerate(names, start=1):
        plateau = statistics.median(int(r[i]) for r in steady[:third])
        last = statistics.median(int(r[i]) for r in steady[-third:])
        rel, slack = tolerance[name]
        bound = plateau * (1 + rel) + slack
        verdict[name] = {"plateau": plateau, "last": last, "bound": round(bound), "flat": last <= bound}
        if last > bound:
            failures.append("%s grew from %s to %s (bound %d)" % (name, plateau, last, bound))
try:
    traffic = json.loads(open(traffic_file).read().strip().splitlines()[-1])
except (IndexError, ValueError):
    traffic = {"requests": 0, "ok": 0, "client_caused": 0, "injected": 0, "unexplained": 0, "outcomes": {}}
if traffic["unexplained"]:
    failures.append("%d errors no caller or injected fault caused" % traffic["unexplained"])
if not traffic["ok"]:
    failures.append("no request was answered")
if alive != "yes":
    failures.append("Keyroute stopped")
print("%-13s %12s %12s %12s  %s" % ("sampled", "plateau", "last third", "bound", ""))
for name, v in verdict.items():
    print("%-13s %12s %12s %12s  %s" % (name, v["plateau"], v["last"], v["bound"], "flat" if v["flat"] else "GREW"))
print("requests %d: %d as expected, %d caused by the caller, %d by the injected faults, %d unexplained; "
      "Keyroute's WARN/ERROR log lines: %s" % (traffic["requests"], traffic["ok"], traffic["client_caused"],
      traffic["injected"], traffic["unexplained"], logged))
for outcome, n in traffic["outcomes"].items():
    if not outcome.endswith((" ok", " client-caused", " injected")):
        print("  unexplained: %s x%d" % (outcome, n))
print(json.dumps({"soak_seconds": int(total), "warmup_seconds": warmup, "samples": len(rows), "verdict": verdict,
                  "traffic": traffic, "failures": failures}))
print("soak: " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
sys.exit(1 if failures else 0)
PY
