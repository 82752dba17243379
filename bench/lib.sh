# Shared by the bench scripts (sourced, not run): their options, the JDK and the tools, a work
# directory cleaned up on exit, the mock upstream's classpath, one-run secrets, and Keyroute
# instances started by the launcher with a real kr- key from their own vault.
#
#   bench_options USAGE SPEC… -- "$@"   the script's options into its variables (below)
#   bench_init TAG   TAG prefixes progress lines ("[bench]"); installs BENCH_TOOLS when missing (default: run.sh's)
# After it: ROOT JAVA JCMD WORK PIDS MOCK_CP UPSTREAM_KEY ADMIN_TOKEN, and the functions below.

# A script's options into its variables: each SPEC is "--name VAR" (the next argument is VAR's value)
# or "--name VAR=value" (a flag that sets VAR); variables keep the defaults the script set before.
# --help prints the script's opening comment and exits 0; an unknown option, or one without its value,
# prints "usage: USAGE" and exits 2.
bench_options() { # usage spec… -- "$@"
  local _usage="$1" _specs=() _spec _arg _name _var
  shift
  while (($#)) && [[ "$1" != -- ]]; do
    _specs+=("$1")
    shift
  done
  shift
  while (($#)); do
    _arg="$1"
    shift
    if [[ "$_arg" == --help || "$_arg" == -h ]]; then
      sed -n '2,/^set -euo/{/^#/{s/^# \{0,1\}//;p}}' "$0"
      exit 0
    fi
    for _spec in "${_specs[@]}" ""; do
      [[ -n "$_spec" ]] || { echo "usage: $_usage" >&2; exit 2; }
      _name="${_spec%% *}" _var="${_spec#* }"
      [[ "$_arg" == "$_name" ]] || continue
      if [[ "$_var" == *=* ]]; then
        printf -v "${_var%%=*}" '%s' "${_var#*=}"
      elif (($#)); then
        printf -v "$_var" '%s' "$1"
        shift
      else
        echo "$_name needs a value; usage: $_usage" >&2
        exit 2
      fi
      break
    done
  done
}

bench_init() {
  BENCH_TAG="$1"
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
  # shellcheck source=../keyroute
  source "$ROOT/keyroute"
  kr_require_java javac
  kr_build_if_needed
  JAVA="$KR_JAVA_HOME/bin/java"
  JCMD="$KR_JAVA_HOME/bin/jcmd"

  local tool
  for tool in ${BENCH_TOOLS-wrk taskset curl python3}; do # the tools the script needs (BENCH_TOOLS, else run.sh's)
    if ! command -v "$tool" >/dev/null; then
      echo "$BENCH_TAG installing $tool" >&2
      apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
    fi
  done

  WORK="$(mktemp -d)"
  PIDS=()
  trap bench_cleanup EXIT

  # One classpath (module bench/benchmarks: the mock upstream from testkit and the bare pass-through), built
  # in the reactor without touching the shared ~/.m2: dependency:build-classpath writes the file once
  # per module and bench/benchmarks comes last.
  (cd "$ROOT" && JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -o -pl bench/benchmarks -am -Dmaven.test.skip=true package \
    dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1 \
    || JAVA_HOME="$KR_JAVA_HOME" ./mvnw -q -B -pl bench/benchmarks -am -Dmaven.test.skip=true package \
    dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; exit 1; }
  MOCK_CP="$ROOT/bench/benchmarks/target/classes:$(cat "$WORK/cp.txt")"

  UPSTREAM_KEY="sk-bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  ADMIN_TOKEN="kr-admin-$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)"
}

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}

wait_http() { # url [status] -> waits until it answers with any HTTP status (or exactly with status)
  local i code
  for ((i = 0; i < 3000; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null || true)"
    [[ "$code" != 000 && ( -z "${2:-}" || "$code" == "$2" ) ]] && return 0
    sleep 0.01
  done
  echo "$BENCH_TAG $1 did not come up" >&2
  exit 1
}

# Another checkout's Keyroute, built by its own launcher when its sources are newer than its jar.
build_checkout() { # dir
  echo "$BENCH_TAG building $1 (if its sources changed)" >&2
  # shellcheck source=/dev/null
  (source "$1/keyroute" && kr_build_if_needed) || { echo "$BENCH_TAG could not build $1" >&2; exit 1; }
}

# A mock OpenAI upstream on core 1 (with the other core left to Keyroute): port [extra args…].
start_mock() {
  local port="$1"
  shift
  taskset -c 1 "$JAVA" -XX:+UseG1GC -cp "$MOCK_CP" io.keyroute.testkit.openai.FakeOpenAiMain --port="$port" \
    --key="$UPSTREAM_KEY" "$@" >"$WORK/mock-$port.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$port/v1/models"
}

# Keyroute alone on core 0 (or on the cores given), started by the launcher with its default JVM
# options plus java_opts, from the keyroute.yaml already in dir (its own port and SQLite data). Does
# not wait for it. Logging is a user's default (INFO: one access-log line per request, into dir's
# keyroute.log), whatever KEYROUTE_LOG_LEVEL the caller's shell has.
KEYROUTE_LOGGING="log level INFO, the default: one JSON access-log line per request"
# OpenTelemetry is off (OTEL_EXPORTER_OTLP_ENDPOINT unset, whatever the shell has) unless the
# VAR=value arguments set it.
start_keyroute() { # root dir java_opts [cores [VAR=value…]] -> STARTED_PID (the JVM itself: env, taskset and the launcher exec)
  local root="$1" dir="$2" opts="$3" cores="${4:-0}"
  shift $(($# < 4 ? $# : 4))
  (cd "$dir" && unset KEYROUTE_LOG_LEVEL OTEL_EXPORTER_OTLP_ENDPOINT && BENCH_UPSTREAM_KEY="$UPSTREAM_KEY" \
    KEYROUTE_ADMIN_TOKEN="$ADMIN_TOKEN" KEYROUTE_JAVA_OPTS="$opts" exec env "$@" taskset -c "$cores" "$root/keyroute" serve \
    --config "$dir/keyroute.yaml" >>"$dir/keyroute.log" 2>&1) &
  STARTED_PID=$!
  PIDS+=($STARTED_PID)
}

# The first start after a build writes the launcher's start-up cache when it stops: done here, outside
# any measurement, when root's cache for this JDK is missing or older than its jar.
write_start_cache() { # root dir port java_opts
  local cache
  [[ "${KEYROUTE_START_CACHE:-on}" != off ]] || return 0
  for cache in "$1/server/target/keyroute-java$KR_JAVA_MAJOR".{aot,jsa}; do
    [[ -f "$cache" && ! "$1/server/target/keyroute.jar" -nt "$cache" ]] && return 0
  done
  echo "$BENCH_TAG writing the start-up cache of $1" >&2
  start_keyroute "$1" "$2" "$4"
  wait_http "http://127.0.0.1:$3/ready" 200
  kill "$STARTED_PID"
  wait "$STARTED_PID" 2>/dev/null || true
  rm -rf "$2/data" "$2/keyroute.log"
}

# The management API of the instance on port, with the admin token.
kr_admin() { # port method path [body] -> the response's JSON
  local body=()
  [[ -z "${4:-}" ]] || body=(-H 'Content-Type: application/json' -d "$4")
  curl -sf -X "$2" "http://127.0.0.1:$1/api/v1$3" -H "Authorization: Bearer $ADMIN_TOKEN" "${body[@]}"
}

# A real Keyroute key from the vault of the instance on port: workspace → user → key.
new_key() { # port -> a kr- key
  new_tenant "$1"
  echo "$TENANT_KEY"
}

# The same, setting TENANT_WS, TENANT_USER and TENANT_KEY (budgets are set on the workspace and the
# user); the key has key_fields besides its name (e.g. '"rpm":600').
new_tenant() { # port [key_fields]
  local port="$1" fields="${2:+,$2}" name
  name="bench-$(date +%s%N)" # workspace names and e-mails are unique
  field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
  TENANT_WS=$(kr_admin "$port" POST /workspaces "{\"name\":\"$name\",\"plan\":\"pro\"}" | field id)
  TENANT_USER=$(kr_admin "$port" POST "/workspaces/$TENANT_WS/users" "{\"email\":\"$name@example.com\",\"role\":\"member\"}" | field id)
  TENANT_KEY=$(kr_admin "$port" POST "/users/$TENANT_USER/keys" "{\"name\":\"bench\"$fields}" | field key)
}

# An OTLP/HTTP sink on core 1, as a collector: it reads each request and answers 200 with the empty
# Export*ServiceResponse; GET / answers how many requests arrived, by path.
start_otlp_sink() { # port
  taskset -c 1 python3 - "$1" >"$WORK/sink.log" 2>&1 <<'PY' &
import collections, http.server, json, sys
received = collections.Counter()
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while (size := int(self.rfile.readline().split(b";")[0], 16)):
                self.rfile.read(size + 2)
            self.rfile.readline()
        else:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received[self.path] += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def do_GET(self):  # what arrived, by path
        body = json.dumps(received).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
  PIDS+=($!)
  wait_http "http://127.0.0.1:$1/"
}

# The floor: a bare Helidon server + client forwarding to the mock upstream on upstream_port, pinned on
# core 0 like Keyroute, with the launcher's default JVM options (plus java_opts).
start_bare() { # port upstream_port [java_opts] -> STARTED_PID, once it answers
  KEYROUTE_JAVA_OPTS="${3:-}" kr_jvm_opts # the launcher's default JVM options, as Keyroute gets them
  # shellcheck disable=SC2086 # java_opts are words
  taskset -c 0 "$JAVA" "${KR_JVM_OPTS[@]}" ${3:-} -cp "$MOCK_CP" io.keyroute.benchmarks.BarePassThroughMain "$1" \
    "http://127.0.0.1:$2/v1" "$UPSTREAM_KEY" >"$WORK/bare-$1.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=($STARTED_PID)
  wait_http "http://127.0.0.1:$1/v1/chat/completions"
}

# A process's figures from /proc: resident memory (KB), platform threads, open file descriptors, and CPU
# time used so far (clock ticks of user + system time).
proc_rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
proc_threads() { awk '/Threads/ {print $2}' "/proc/$1/status"; }
proc_fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
proc_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The live heap of a JVM: KB used right after a full collection (jcmd GC.run, then GC.heap_info: G1's
# one line, or Serial's and Parallel's two), from core 1; "?" when jcmd could not tell.
live_heap_kb() { # pid
  printf 'GC.run\nGC.heap_info\n' >"$WORK/live-heap.jcmd"
  taskset -c 1 "$JCMD" "$1" -f "$WORK/live-heap.jcmd" 2>&1 |
    python3 -c 'import re, sys; print(sum(int(u) for u in re.findall(r"total (?:reserved \d+K, committed )?\d+K, used (\d+)K", sys.stdin.read())) or "?")'
}

# Raises this shell's open-file limit (inherited by what it starts) to the hard limit, and stops with
# what is possible when even that is below need.
raise_fd_limit() { # need what
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  if [[ "$(ulimit -n)" != unlimited ]] && (($(ulimit -n) < $1)); then
    echo "$BENCH_TAG $2 needs $1 open files and this shell may open $(ulimit -n) (ulimit -Hn: $(ulimit -Hn))." >&2
    echo "$BENCH_TAG Raise the hard limit (as root: prlimit --nofile=65536:65536 --pid \$\$, or LimitNOFILE / docker --ulimit nofile=65536) and run again." >&2
    exit 2
  fi
}
