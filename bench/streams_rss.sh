#!/usr/bin/env bash
# Memory with many concurrent open streams (issue 7: 1,000 streams within 300 MB RSS). Starts a mock
# upstream that sends one SSE event per 20 ms and Keyroute (the launcher, default JVM options plus
# KEYROUTE_JAVA_OPTS, pinned to core 0, like bench/run.sh), warms the streaming path, then holds N
# streams open with wrk and reports:
#   - RSS: after warm-up, peak while the streams are open, and some seconds after they ended;
#   - heap used/committed (jcmd GC.heap_info) and thread count while open and after;
#   - streams completed (a 200 ending in "data: [DONE]") and failed, wrk socket errors, and the
#     WARN/ERROR lines Keyroute logged while they were open.
#
#   bench/streams_rss.sh [--streams 1000] [--seconds 15] [--warmup 10] [--settle 5] [--prompt-kb 0] [--nmt] [--histo]
#     --prompt-kb N   a conversation history of about N KB before the question (real prompts are large,
#               and the request stays in memory for its whole stream)
#     --nmt     also start with -XX:NativeMemoryTracking=summary and print VM.native_memory while open
#     --histo   also print the top of GC.class_histogram (and its total: the live heap) while open (it runs a full GC: RSS "after" changes)
#   KEYROUTE_JAVA_OPTS="-Xmx256m" bench/streams_rss.sh   # a candidate option set
#
# Ports 18300-18301. The last line is one JSON object (for collecting candidates into a table).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
STREAMS=1000
SECONDS_OPEN=15
WARMUP=10
SETTLE=5
NMT=0
HISTO=0
PROMPT_KB=0
# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
bench_options "bench/streams_rss.sh [--streams N] [--seconds N] [--warmup N] [--settle N] [--prompt-kb N] [--nmt] [--histo]" \
  "--streams STREAMS" "--seconds SECONDS_OPEN" "--warmup WARMUP" "--settle SETTLE" "--nmt NMT=1" "--histo HISTO=1" \
  "--prompt-kb PROMPT_KB" -- "$@"
bench_init "[streams]"
KR_PORT=18300
SLOW_PORT=18301

start_mock $SLOW_PORT --chunk-delay-ms=20

mkdir -p "$WORK/kr"
cat >"$WORK/kr/keyroute.yaml" <<YAML
server: { host: 127.0.0.1, port: $KR_PORT, upstream_connections: 4096 }
providers:
  - id: slow
    type: openai-compatible
    base_url: http://127.0.0.1:$SLOW_PORT/v1
    api_key: \${BENCH_UPSTREAM_KEY}
YAML
KR_OPTS="${KEYROUTE_JAVA_OPTS:-}"
((NMT)) && KR_OPTS="$KR_OPTS -XX:NativeMemoryTracking=summary"
write_start_cache "$ROOT" "$WORK/kr" $KR_PORT "$KR_OPTS"
start_keyroute "$ROOT" "$WORK/kr" "$KR_OPTS"
KR_PID=$STARTED_PID
wait_http "http://127.0.0.1:$KR_PORT/ready" 200
KEYROUTE_KEY=$(new_key $KR_PORT)

# A stream counts as completed when it is a 200 that ends with OpenAI's end marker; the counts are
# per wrk thread, read back in done().
cat >"$WORK/stream.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.body = '{"model":"slow/gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},' ..
  '"messages":[' .. string.rep('{"role":"user","content":"' .. string.rep("lorem ipsum ", 84) .. '"},',
    tonumber(os.getenv("PROMPT_KB"))) .. '{"role":"user","content":"Say hello to the benchmark in five words."}]}'
ok, bad = 0, 0
function response(status, headers, body)
  if status == 200 and body:find("data: [DONE]", 1, true) then ok = ok + 1 else bad = bad + 1 end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local o, b = 0, 0
  for _, t in ipairs(threads) do o, b = o + t:get("ok"), b + t:get("bad") end
  io.write(string.format("streams ok %d bad %d\n", o, b))
end
LUA
stream_load() { # connections seconds
  BENCH_KEY="$KEYROUTE_KEY" PROMPT_KB="$PROMPT_KB" taskset -c 1 wrk -t1 -c"$1" --timeout 60s -d"${2}s" -s "$WORK/stream.lua" \
    "http://127.0.0.1:$KR_PORT/v1/chat/completions"
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$KR_PID/status"; }
threads() { awk '/Threads/ {print $2}' "/proc/$KR_PID/status"; }
jcmd_kr() { taskset -c 1 "$JCMD" "$KR_PID" "$@" 2>&1 | tail -n +2; }
heap_mb() { # -> "used committed" in MB: GC.heap_info's generations summed (G1 has one line, Serial and Parallel two)
  jcmd_kr GC.heap_info | python3 -c '
import re, sys
sizes = re.findall(r"total (?:reserved \d+K, committed )?(\d+)K, used (\d+)K", sys.stdin.read())
print("%.1f %.1f" % (sum(int(u) for _, u in sizes) / 1024, sum(int(c) for c, _ in sizes) / 1024) if sizes else "? ?")'
}
open_conns() { ss -Htn state established "( sport = :$KR_PORT )" | wc -l; }

echo "[streams] warming the streaming path (${WARMUP}s, 16 connections)" >&2
stream_load 16 "$WARMUP" >/dev/null
rss_warm=$(rss_kb)
log_start=$(($(wc -l <"$WORK/kr/keyroute.log") + 1)) # start-up warnings (e.g. the generated master key) are not the streams'

echo "[streams] $STREAMS concurrent streams for ${SECONDS_OPEN}s" >&2
stream_load "$STREAMS" "$SECONDS_OPEN" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
PIDS+=($WRK_PID)
rss_peak=0
probe_at=$((SECONDS + SECONDS_OPEN / 2))
probed=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  rss=$(rss_kb)
  ((rss > rss_peak)) && rss_peak=$rss
  if ((!probed && SECONDS >= probe_at)); then
    probed=1
    conns_open=$(open_conns)
    threads_open=$(threads)
    read -r heap_used_open heap_committed_open <<<"$(heap_mb)"
    ((NMT)) && { echo "--- VM.native_memory summary while open"; jcmd_kr VM.native_memory summary scale=MB; } >&2
    ((HISTO)) && { echo "--- GC.class_histogram while open (top 25)"; jcmd_kr GC.class_histogram | sed -n '1,27p;$p'; } >&2
  fi
  sleep 0.2
done
wait "$WRK_PID" || true
sleep "$SETTLE"
rss_after=$(rss_kb)
threads_after=$(threads)
read -r heap_used_after heap_committed_after <<<"$(heap_mb)"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$KR_PID/status")
rss_file=$(awk '/RssFile/ {print $2}' "/proc/$KR_PID/status") # mapped files: the jar, the start-up cache, libjvm
LEVELS='"level" *: *"(WARN|ERROR)"|\b(WARN|WARNING|ERROR)\b'
logged=$(tail -n +"$log_start" "$WORK/kr/keyroute.log" | grep -cE "$LEVELS" || true)
alive=yes
kill -0 "$KR_PID" 2>/dev/null || alive=no

python3 - "$WORK/wrk.txt" "$STREAMS" "$rss_warm" "$rss_peak" "$rss_after" "$hwm" "$heap_used_open" "$heap_committed_open" \
  "$heap_used_after" "$heap_committed_after" "${threads_open:-0}" "$threads_after" "${conns_open:-0}" "$logged" "$alive" \
  "$KR_OPTS" "$rss_file" <<'PY'
import json, re, sys
(wrk, streams, warm, peak, after, hwm, hu_open, hc_open, hu_after, hc_after, th_open, th_after, conns, logged, alive,
 opts, rss_file) = sys.argv[1:]
text = open(wrk).read()
m = re.search(r"streams ok (\d+) bad (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
mb = lambda kb: round(int(kb) / 1024, 1)
num = lambda v: float(v) if v != "?" else None
r = {"java_opts": opts.strip(), "streams": int(streams), "open_connections_mid": int(conns),
     "rss_after_warmup_mb": mb(warm), "rss_peak_open_mb": mb(peak), "rss_after_mb": mb(after), "vm_hwm_mb": mb(hwm), "rss_file_after_mb": mb(rss_file),
     "heap_used_open_mb": num(hu_open), "heap_committed_open_mb": num(hc_open),
     "heap_used_after_mb": num(hu_after), "heap_committed_after_mb": num(hc_after),
     "threads_open": int(th_open), "threads_after": int(th_after),
     "completed": int(m.group(1)) if m else 0, "failed": int(m.group(2)) if m else -1,
     "socket_errors": errors.group(1) if errors else "none", "warn_error_log_lines": int(logged), "alive": alive}
print("%d streams (%d connections open mid-run): RSS warm %.1f MB, peak while open %.1f MB, after %.1f MB (HWM %.1f, of it files %.1f); "
      "heap used/committed while open %s/%s MB, after %s/%s MB; threads %d/%d; completed %d, failed %d, socket errors: %s; "
      "WARN/ERROR log lines %d; alive %s" % (r["streams"], r["open_connections_mid"], r["rss_after_warmup_mb"],
      r["rss_peak_open_mb"], r["rss_after_mb"], r["vm_hwm_mb"], r["rss_file_after_mb"], hu_open, hc_open, hu_after, hc_after, r["threads_open"],
      r["threads_after"], r["completed"], r["failed"], r["socket_errors"], r["warn_error_log_lines"], alive))
print(json.dumps(r))
PY
if [[ "$logged" != 0 ]]; then
  echo "--- Keyroute's WARN/ERROR lines (first 5)" >&2
  tail -n +"$log_start" "$WORK/kr/keyroute.log" | grep -E "$LEVELS" | head -5 | cut -c1-400 >&2
fi
