#!/usr/bin/env bash
# What a change cost: two builds of Keyroute measured in ONE interleaved run (bench/run.sh --keyroute NEW
# --compare OLD: both on core 0 in turn, each round measuring both within seconds), then NEW/OLD for each
# figure, paired by round, with the rounds' range. This checkout's bench (the mock, the bare pass-through,
# run.sh) measures both, so only Keyroute differs.
#
#   bench/compare.sh OLD NEW [run.sh options…]
#   bench/compare.sh main HEAD                       # this branch against main
#   bench/compare.sh HEAD~1 .                        # the last commit and the uncommitted changes
#   bench/compare.sh main HEAD --concurrency 16 --rounds 9
#   bench/compare.sh main HEAD --governance --no-streams --no-responses --concurrency 16 --warmup 60
#                                                    # everything on in both builds too (target oall0: OLD's)
#
# OLD and NEW: a git revision of this repository (exported with git archive into a temporary directory and
# built there by its own launcher: ./mvnw -q -B -Dmaven.test.skip=true package) or a checkout's directory
# (built if its sources are newer than its jar). Without run.sh options: --no-streams --no-responses
# --concurrency "1 16" --seconds 3 --rounds 5 --warmup 40 (about 6 minutes after the builds). Writes
# bench/results/compare-<UTC time>.json (run.sh's report plus "compared").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
if [[ $# -lt 2 ]]; then
  echo "usage: bench/compare.sh OLD NEW [run.sh options…]   (OLD, NEW: a git revision or a checkout's directory)" >&2
  exit 2
fi
OLD="$1" NEW="$2"
shift 2
OPTIONS=("$@")
((${#OPTIONS[@]})) || OPTIONS=(--no-streams --no-responses --concurrency "1 16" --seconds 3 --rounds 5 --warmup 40)

EXPORTS="$(mktemp -d "${TMPDIR:-/tmp}/keyroute-compare.XXXXXX")"
trap 'rm -rf "$EXPORTS"' EXIT

checkout() { # revision-or-directory name -> prints the directory holding that Keyroute
  local commit
  if [[ -d "$1" ]]; then
    (cd "$1" && pwd -P)
    return
  fi
  commit="$(git -C "$ROOT" rev-parse --verify -q "$1^{commit}")" \
    || { echo "[compare] $1: neither a directory nor a revision of $ROOT" >&2; exit 2; }
  mkdir -p "$EXPORTS/$2"
  git -C "$ROOT" archive "$commit" | tar -x -C "$EXPORTS/$2"
  echo "$EXPORTS/$2"
}
described() { # revision-or-directory -> "rev (short commit)", or the directory
  local commit
  if [[ -d "$1" ]]; then echo "$1"; return; fi
  commit="$(git -C "$ROOT" rev-parse --short "$1^{commit}")"
  if [[ "$commit" == "$1" ]]; then echo "$1"; else echo "$1 ($commit)"; fi
}
OLD_DIR="$(checkout "$OLD" old)"
NEW_DIR="$(checkout "$NEW" new)"
[[ "$OLD_DIR" != "$NEW_DIR" ]] || { echo "[compare] OLD and NEW are the same checkout: $OLD_DIR" >&2; exit 2; }
# A directory is named by its own commit (run.sh reads it); an export has no .git: named here.
if [[ ! -d "$OLD" ]]; then BENCH_COMPARE_COMMIT="$(described "$OLD")" && export BENCH_COMPARE_COMMIT; fi
if [[ ! -d "$NEW" ]]; then BENCH_COMMIT="$(described "$NEW")" && export BENCH_COMMIT; fi

OUT="$ROOT/bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "[compare] OLD $OLD -> $OLD_DIR; NEW $NEW -> $NEW_DIR; run.sh ${OPTIONS[*]}" >&2
"$ROOT/bench/run.sh" --keyroute "$NEW_DIR" --compare "$OLD_DIR" --out "$OUT" "${OPTIONS[@]}"
python3 "$ROOT/bench/report.py" compare "$OUT"
