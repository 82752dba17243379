#!/usr/bin/env bash
# Multi-replica harness: three Keyroute replicas (the packaged server, separate JVMs) on one
# PostgreSQL database and one Redis, behind a round-robin load balancer, under application traffic
# through the official OpenAI SDK (streams included), while in turn one replica is killed (-9) and
# restarted, another stopped (SIGTERM) and restarted, Redis is killed and restarted, and PostgreSQL is
# unreachable for 3 s. Then 100
# concurrent requests against one budget across the replicas, a key revoked and a credential
# rotated on one replica while every replica is asked. Prints Markdown tables: answered requests
# missing from the ledger, the budget's overshoot, how long each replica took to see the
# revocation and the rotation, and the errors the retrying client saw in each phase
# (bench/benchmarks' io.keyroute.benchmarks.cluster.ClusterHarness does the work).
#
#   bench/cluster.sh      # about two minutes after the build; it uses both cores, so run it with nothing
#                         # else running (builds, other benches)
#
# Needs: a JDK 21+, PostgreSQL on 127.0.0.1:5432 (user postgres, trust; CLUSTER_PG_PORT to change),
# where the database keyroute_cluster is created afresh and dropped at the end; redis-server on PATH
# (a private one is started on port 6390, never the machine's own); ports 18300-18303 free.
# Writes bench/results/cluster-<UTC time>.md, and the replicas' logs beside it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PG_HOST=127.0.0.1
PG_PORT="${CLUSTER_PG_PORT:-5432}"
DB=keyroute_cluster
REDIS_PORT=6390

# shellcheck source=lib.sh
source "$ROOT/bench/lib.sh"
for tool in psql redis-server; do
  command -v "$tool" >/dev/null || { echo "[cluster] $tool is needed (apt-get install postgresql-client redis-server)" >&2; exit 1; }
done
BENCH_TOOLS="" bench_init "[cluster]" # builds the jar and bench/benchmarks (the harness and its classpath): MOCK_CP, WORK, ADMIN_TOKEN

pg() { psql -X -q -w -U postgres -h "$PG_HOST" -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
pg "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
pg "CREATE DATABASE $DB"
cluster_cleanup() {
  bench_cleanup
  pg "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
}
trap cluster_cleanup EXIT

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
MACHINE="$(nproc) cores ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/^Mem:/ {print $2}') GB, Keyroute $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"

rc=0
CLUSTER_ADMIN_TOKEN="$ADMIN_TOKEN" "$JAVA" -XX:+UseG1GC -cp "$MOCK_CP" \
  -Dcluster.root="$ROOT" -Dcluster.work="$WORK" \
  -Dcluster.pg.host="$PG_HOST" -Dcluster.pg.port="$PG_PORT" -Dcluster.pg.database="$DB" \
  -Dcluster.redis.port="$REDIS_PORT" -Dcluster.machine="$MACHINE" -Dcluster.out="$RESULTS/cluster-$STAMP.md" \
  io.keyroute.benchmarks.cluster.ClusterHarness || rc=$?

mkdir -p "$RESULTS/cluster-$STAMP"
cp "$WORK/redis.log" "$RESULTS/cluster-$STAMP/" 2>/dev/null || true
for log in "$WORK"/replica-*/keyroute.log; do
  if [[ -f "$log" ]]; then cp "$log" "$RESULTS/cluster-$STAMP/$(basename "$(dirname "$log")").log"; fi
done
echo "[cluster] results: bench/results/cluster-$STAMP.md (replica logs in bench/results/cluster-$STAMP/)" >&2
exit "$rc"
