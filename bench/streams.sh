#!/usr/bin/env bash
# Many concurrent open streams through Keyroute and through the bare Helidon pass-through, in one run
# (issue 28 item 3: 10,000 streams on a 2-core machine, none failed). A mock upstream sends one SSE
# event a second; a client (bench/benchmarks' StreamHolderMain: a socket and a virtual thread per
# stream, wrk cannot hold 10,000 streams and tell a broken one from a finished one) opens N streams
# evenly over --ramp seconds, and once all N are open at once the proxy is sampled for --hold seconds.
# For each proxy it prints: streams open at once at the peak, completed and failed (by cause), RSS
# before (after a warm-up of 1,000 streams) and its peak while open, per-stream memory (the RSS delta / N),
# the live heap (used right after a full GC) before and at the end of the hold and its delta / N (what a
# stream keeps live), CPU while open (cores, sampled before the GC), file descriptors, threads, and
# Keyroute's WARN/ERROR log lines.
#
#   bench/streams.sh [--streams 10000] [--ramp 20] [--hold 15] [--histo] [--nmt] [--only keyroute|bare]
#     --histo   the top of GC.class_histogram of the live heap at the end of the hold (a full GC: after the CPU sample)
#     --nmt     start both with -XX:NativeMemoryTracking=summary and print VM.native_memory at the end of the hold
#   KEYROUTE_JAVA_OPTS="-Xmx1g" bench/streams.sh   # a candidate option set (for both proxies)
#
# Each proxy holds two sockets per stream (the caller's and the upstream's): 10,000 streams need more
# than 20,000 open files, and the script stops at once, saying so, where `ulimit -Hn` is lower.
# Keyroute and the bare pass-through run alone on core 0, the mock and the client on core 1.
# Ports 18310-18312. The last line is one JSON object.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STREAMS=10000
RAMP=20
HOLD=15
HISTO=0
NMT=0
ONLY="keyroute bare"
WARM_STREAMS=1000
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
bench_options "bench/streams.sh [--streams N] [--ramp S] [--hold S] [--histo] [--nmt] [--only keyroute|bare]" \
  "--streams STREAMS" "--ramp RAMP" "--hold HOLD" "--histo HISTO=1" "--nmt NMT=1" "--only ONLY" -- "$@"
# Each proxy: two sockets a stream and ~170 files of its own (jars, the database, the journal, the JDK's).
raise_fd_limit $((2 * STREAMS + 250)) "$STREAMS streams"
BENCH_TOOLS="taskset curl python3" bench_init "[streams]"
KR_PORT=18310
BARE_PORT=18311
SLOW_PORT=18312
# A stream lasts while the others start and while the proxy is sampled, with room to spare: one event
# a second, N words + 4 events (role, finish, usage, [DONE]).
WORDS=$((RAMP + HOLD + 15))

start_mock $SLOW_PORT --chunk-delay-ms=1000 --reply-words=$WORDS

OPTS="${KEYROUTE_JAVA_OPTS:-}"
((NMT)) && OPTS="$OPTS -XX:NativeMemoryTracking=summary"
LIMIT=$((STREAMS + WARM_STREAMS))
mkdir -p "$WORK/kr"
cat >"$WORK/kr/keyroute.yaml" <<YAML
server:
  host: 127.0.0.1
  port: $KR_PORT
  upstream_connections: $LIMIT # every open stream holds an upstream connection
  max_in_flight: $LIMIT        # the defaults (2,048 at once, 256 a key) shed the rest with 503 / 429
  max_in_flight_per_key: $LIMIT
providers:
  - id: slow
    type: openai-compatible
    base_url: http://127.0.0.1:$SLOW_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
YAML
write_start_cache "$ROOT" "$WORK/kr" $KR_PORT "$OPTS"
start_keyroute "$ROOT" "$WORK/kr" "$OPTS" 0 KEYROUTE_MASTER_KEY="$(head -c 32 /dev/urandom | base64)"
KR_PID=$STARTED_PID
wait_http "http://127.0.0.1:$KR_PORT/ready" 200
KEYROUTE_KEY=$(new_key $KR_PORT)
start_bare $BARE_PORT $SLOW_PORT "$OPTS"
BARE_PID=$STARTED_PID

hold_streams() { # url key model streams ramp out -> runs the client on core 1 in the background: HOLDER_PID
  taskset -c 1 "$JAVA" -XX:+UseSerialGC -Xss256k -cp "$MOCK_CP" io.keyroute.benchmarks.load.StreamHolderMain \
    "$1" "$2" "$3" "$4" "$5" >"$6" 2>"$6.progress" &
  HOLDER_PID=$!
  PIDS+=($HOLDER_PID)
}
jcmd_to() { taskset -c 1 "$JCMD" "$1" "${@:2}" 2>&1 | tail -n +2; }

measure() { # name pid port key model -> one JSON line on stdout
  local name="$1" pid="$2" port="$3" key="$4" model="$5" out="$WORK/$1" url="http://127.0.0.1:$3/v1/chat/completions"
  echo "[streams] $name: warming up with $WARM_STREAMS streams" >&2
  hold_streams "$url" "$key" "$model" $WARM_STREAMS 2 "$out.warm"
  wait "$HOLDER_PID" || true
  sleep 2
  local rss_before fds_before threads_before live_before log_start=1
  rss_before=$(proc_rss_kb "$pid")
  live_before=$(live_heap_kb "$pid")
  fds_before=$(proc_fds "$pid")
  threads_before=$(proc_threads "$pid")
  [[ "$name" == keyroute ]] && log_start=$(($(wc -l <"$WORK/kr/keyroute.log") + 1))

  echo "[streams] $name: $STREAMS streams over ${RAMP}s, then ${HOLD}s held" >&2
  hold_streams "$url" "$key" "$model" "$STREAMS" "$RAMP" "$out.json"
  local waited=0
  until grep -q "open" "$out.json" 2>/dev/null || ! kill -0 "$HOLDER_PID" 2>/dev/null; do
    sleep 0.2
    ((++waited > 5 * (RAMP + 60))) && break
  done
  local all_open rss_peak=0 rss ticks0 ticks1 t0 t1 fds threads conns live
  all_open=$(head -1 "$out.json" 2>/dev/null || echo "no answer")
  ticks0=$(proc_cpu_ticks "$pid")
  t0=$(date +%s.%N)
  local end=$((SECONDS + HOLD))
  while ((SECONDS < end)); do
    rss=$(proc_rss_kb "$pid")
    ((rss > rss_peak)) && rss_peak=$rss
    sleep 0.5
  done
  ticks1=$(proc_cpu_ticks "$pid")
  t1=$(date +%s.%N)
  fds=$(proc_fds "$pid")
  threads=$(proc_threads "$pid")
  conns=$(ss -Htn state established "( sport = :$port )" 2>/dev/null | wc -l)
  live=$(live_heap_kb "$pid")
  ((NMT)) && { echo "--- $name: VM.native_memory summary with the streams open"; jcmd_to "$pid" VM.native_memory summary scale=MB; } >&2
  ((HISTO)) && { echo "--- $name: GC.class_histogram with the streams open (top 25)"; jcmd_to "$pid" GC.class_histogram | sed -n '1,27p;$p'; } >&2
  wait "$HOLDER_PID" || true
  local logged=0
  [[ "$name" == keyroute ]] && logged=$(tail -n +"$log_start" "$WORK/kr/keyroute.log" | grep -cE '"level" *: *"(WARN|ERROR)"' || true)
  python3 - "$name" "$out.json" "$all_open" "$rss_before" "$rss_peak" "$ticks0" "$ticks1" "$t0" "$t1" "$fds_before" "$fds" \
    "$threads_before" "$threads" "$conns" "$logged" "$(getconf CLK_TCK)" "$live_before" "$live" <<'PY'
import json, sys
(name, out, all_open, rss_before, rss_peak, ticks0, ticks1, t0, t1, fds_before, fds, threads_before, threads, conns, logged,
 hz, live_before, live) = sys.argv[1:]
lines = [l for l in open(out) if l.startswith("{")]
holder = json.loads(lines[-1]) if lines else {"streams": 0, "peak_open": 0, "completed": 0, "failed": -1, "failures": {}}
n = holder["streams"] or 1
print(json.dumps({"proxy": name, "all_open": all_open.strip(), **holder,
    "rss_before_mb": round(int(rss_before) / 1024, 1), "rss_open_peak_mb": round(int(rss_peak) / 1024, 1),
    "kb_per_stream": round((int(rss_peak) - int(rss_before)) / n, 1),
    "live_heap_before_mb": round(int(live_before) / 1024, 1) if live_before != "?" else None,
    "live_heap_open_mb": round(int(live) / 1024, 1) if live != "?" else None,
    "live_kb_per_stream": round((int(live) - int(live_before)) / n, 1) if "?" not in (live, live_before) else None,
    "cpu_cores_open": round((int(ticks1) - int(ticks0)) / int(hz) / (float(t1) - float(t0)), 3),
    "fds_before": int(fds_before), "fds_open": int(fds), "threads_before": int(threads_before), "threads_open": int(threads),
    "client_connections_open": int(conns), "warn_error_log_lines": int(logged)}))
PY
}

# Each proxy is stopped once measured: the upstream connections it keeps open for reuse would take
# the mock's file descriptors from the next one.
RESULTS=()
for proxy in $ONLY; do
  case "$proxy" in
    keyroute) RESULTS+=("$(measure keyroute "$KR_PID" $KR_PORT "$KEYROUTE_KEY" slow/gpt-4o-mini)"); pid=$KR_PID ;;
    bare) RESULTS+=("$(measure bare "$BARE_PID" $BARE_PORT "$UPSTREAM_KEY" gpt-4o-mini)"); pid=$BARE_PID ;;
    *) echo "[streams] --only keyroute or bare, not $proxy" >&2; exit 2 ;;
  esac
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done

printf '%s\n' "${RESULTS[@]}" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print("%-9s %8s %9s %9s %7s %10s %10s %9s %10s %10s %9s %7s %8s" % ("proxy", "streams", "peak open", "completed",
      "failed", "RSS before", "RSS open", "KB/stream", "live heap", "live open", "live KB/s", "CPU open", "fds"))
for r in rows:
    print("%-9s %8d %9d %9d %7d %7.1f MB %7.1f MB %9.1f %7s MB %7s MB %9s %6.0f%% %8d" % (r["proxy"], r["streams"],
          r["peak_open"], r["completed"], r["failed"], r["rss_before_mb"], r["rss_open_peak_mb"], r["kb_per_stream"],
          r["live_heap_before_mb"], r["live_heap_open_mb"], r["live_kb_per_stream"], 100 * r["cpu_cores_open"],
          r["fds_open"]))
    if r["failures"]:
        print("  %s failures: %s" % (r["proxy"], json.dumps(r["failures"])))
    if r["all_open"] != "all open":
        print("  %s: the %d streams were never all open at once (%s)" % (r["proxy"], r["streams"], r["all_open"]))
print(json.dumps({"streams": rows}))'
if [[ " $ONLY " == *" keyroute "* ]] && grep -qE '"level" *: *"(WARN|ERROR)"' "$WORK/kr/keyroute.log"; then
  echo "--- Keyroute's WARN/ERROR lines (first 5)" >&2
  grep -E '"level" *: *"(WARN|ERROR)"' "$WORK/kr/keyroute.log" | head -5 | cut -c1-400 >&2
fi
