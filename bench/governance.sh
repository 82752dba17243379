# shellcheck shell=bash
# bench/run.sh --governance (sourced by run.sh, after its Keyroute, its keyroute_dir and its bodies): the
# Keyroute processes and targets that measure governance's cost. Every target sends the same kind of
# request, at temperature 0 and new each time (post-new.lua), and is paired in every round with "off":
#
#   off       a Keyroute with no governance config (as a user gets it), not run.sh's own: that one serves only
#             "through", as the --compare build serves only "compare", so their paired figures compare equal
#             histories (a process that had served ~3x the requests, for two tenants, spent ~17% more CPU a
#             request on its ledger's thread than one with the same code that had not: issue 28)
#   limits    the same Keyroute as off, a key with rpm and tpm (buckets in the process)
#   budgets   a Keyroute with Redis: a workspace and a user budget over the key (a reservation and a settle each)
#   limits-r  that Keyroute, a key with rpm and tpm in another workspace: its buckets in Redis
#   guards    pii + secrets guardrails on input and output
#   policy    one CEL rule, asked of every request
#   otel      OpenTelemetry on, exporting to run.sh's OTLP sink
#   cache0    the exact cache on: every request a miss (looked up, sent on, stored)
#   all0      everything above in one Keyroute (limits and budgets in Redis), every request a cache miss
#   all50     the same Keyroute, every other request one it answered before: half the requests cache hits
#   oall0     with --compare DIR (bench/compare.sh): all0's config in the compared build, paired with all0
#
# The config sections are bench/governance.yaml's. Each extra Keyroute pins core 0 as run.sh's does and
# idles while another is measured; they take ports 18100-18107. Redis: BENCH_REDIS_URL (default
# redis://127.0.0.1:6379); the bench leaves budget counters there that expire two days later.

GOV_TARGETS="off limits budgets limits-r guards policy otel cache0 all0 all50"
GOV_LIMITS='"rpm":10000000,"tpm":1000000000' # far above what a run sends: never refused
GOV_BUDGET='{"period":"daily","limit_usd":100000}'
GOV_REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379}"
declare -A GOV_PORT GOV_PID GOV_KEY GOV_WS
GOV_PROCESSES=() # each extra process's targets, space-separated: what the warm-up takes in turn

gov_redis_ping() { # -> fails unless Redis at GOV_REDIS_URL answers PING
  python3 - "$GOV_REDIS_URL" <<'PY'
import socket, sys, urllib.parse
url = urllib.parse.urlparse(sys.argv[1])
with socket.create_connection((url.hostname, url.port or 6379), timeout=2) as s:
    s.sendall(b"PING\r\n")
    sys.exit(0 if s.recv(64).startswith(b"+PONG") else 1)
PY
}

gov_start() { # name port otel section… -> a Keyroute (GOV_ROOT's, else KEYROUTE_ROOT's) with these sections of
  # governance.yaml (and OTel if otel=1)
  local name="$1" port="$2" otel="$3" dir="$WORK/gov-$1" want
  shift 3
  keyroute_dir "$dir" "$port"
  want="$(IFS='|' && echo "$*")"
  awk -v want="^($want):" '/^[a-z_]+:/ { on = $0 ~ want } on' "$ROOT/bench/governance.yaml" >>"$dir/keyroute.yaml"
  local env=(BENCH_REDIS_URL="$GOV_REDIS_URL")
  ((otel)) && env+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT" OTEL_SERVICE_NAME=keyroute-bench)
  start_keyroute "${GOV_ROOT:-$KEYROUTE_ROOT}" "$dir" "$KR_OPTS" 0 "${env[@]}"
  GOV_PID[$name]=$STARTED_PID
  GOV_PORT[$name]=$port
  wait_http "http://127.0.0.1:$port/ready" 200
}

gov_target_key() { # target process [key_fields [budgets]] -> the target measured on that process with a key of its own
  local target="$1" process="$2"
  GOV_PORT[$target]=${GOV_PORT[$process]}
  GOV_PID[$target]=${GOV_PID[$process]}
  new_tenant "${GOV_PORT[$target]}" "${3:-}"
  GOV_KEY[$target]=$TENANT_KEY
  GOV_WS[$target]=$TENANT_WS
  if [[ -n "${4:-}" ]]; then
    kr_admin "${GOV_PORT[$target]}" PUT "/workspaces/$TENANT_WS/budget" "$GOV_BUDGET" >/dev/null
    kr_admin "${GOV_PORT[$target]}" PUT "/users/$TENANT_USER/budget" "$GOV_BUDGET" >/dev/null
  fi
}

governance_start() { # after run.sh's Keyroute (KR_PORT, KR_PID, KEYROUTE_KEY) and the OTLP sink are up
  gov_redis_ping || { echo "[bench] --governance needs Redis at $GOV_REDIS_URL (BENCH_REDIS_URL)" >&2; exit 1; }
  echo "[bench] governance: starting 7 more Keyroute processes (8 with --compare)" >&2
  gov_start kr 18107 0
  gov_target_key off kr
  gov_target_key limits kr "$GOV_LIMITS"
  gov_start redis 18100 0 redis models
  gov_target_key budgets redis "" budgets
  gov_target_key limits-r redis "$GOV_LIMITS"
  gov_start guards 18101 0 guardrails
  gov_target_key guards guards
  gov_start policy 18102 0 policies
  gov_target_key policy policy
  gov_start otel 18103 1
  gov_target_key otel otel
  gov_start cache 18104 0 cache
  gov_target_key cache0 cache
  gov_start all 18105 1 redis models guardrails policies cache
  gov_target_key all0 all "$GOV_LIMITS" budgets
  GOV_PORT[all50]=${GOV_PORT[all0]} GOV_PID[all50]=${GOV_PID[all0]} GOV_KEY[all50]=${GOV_KEY[all0]}
  GOV_PROCESSES=("off limits" "budgets limits-r" guards policy otel cache0 "all0 all50")
  if [[ -n "$COMPARE" && "$COMPARE" != "$KEYROUTE_ROOT" ]]; then # another build: everything on there too
    GOV_ROOT="$COMPARE" gov_start oall 18106 1 redis models guardrails policies cache
    gov_target_key oall0 oall "$GOV_LIMITS" budgets
    GOV_TARGETS="$GOV_TARGETS oall0"
    GOV_PROCESSES+=(oall0)
  fi
}

gov_target() { # target -> sets run_wrk's url, key, model, pid, request, script and repeat for a governance target
  url="http://127.0.0.1:${GOV_PORT[$1]}/v1/chat/completions"
  key="${GOV_KEY[$1]}" model=bench pid="${GOV_PID[$1]}" request=new_body script="$WORK/post-new.lua"
  [[ "$1" == all50 ]] && repeat=2
  return 0
}

governance_check() { # the cache rows measure what they say: a request sent again is a hit, a new one a miss
  local port=${GOV_PORT[all0]} key=${GOV_KEY[all0]} hit miss
  cache_status "$port" "$key" "$(at_zero bench " check")" >/dev/null
  hit=$(cache_status "$port" "$key" "$(at_zero bench " check")")
  miss=$(cache_status "$port" "$key" "$(at_zero bench " once")")
  [[ "$hit" == hit && "$miss" == miss ]] || { echo "[bench] governance: expected hit and miss, got '$hit' and '$miss'" >&2; exit 1; }
}

governance_warmup() { # each extra process WARMUP seconds of load, its targets in turn, at the measured concurrencies
  local targets end target conc
  for targets in "${GOV_PROCESSES[@]}"; do
    end=$((SECONDS + WARMUP))
    while ((SECONDS < end)); do
      for target in $targets; do
        for conc in $CONCURRENCY; do run_wrk "$target" "$conc" >/dev/null; done
      done
    done
  done
}

governance_budgets() { # -> JSON: the budgets' state at the end of the run (what was spent proves they were charged)
  local target
  printf '{'
  for target in budgets all0; do
    printf '"%s": %s' "$target" "$(kr_admin "${GOV_PORT[$target]}" GET "/workspaces/${GOV_WS[$target]}/budget")"
    [[ "$target" == all0 ]] || printf ', '
  done
  printf '}'
}
