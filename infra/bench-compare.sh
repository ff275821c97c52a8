#!/usr/bin/env bash
# Runs benchmarks on an earlier commit and on HEAD in one run, alternated (base, head, base,
# head, ...), each with that commit's own `infra/bench.sh`, then prints every headline figure
# both reported (the median of the rounds) side by side, and exits 1 if one is worse than the base
# beyond the tolerance. `npm run bench` measures the machine as it is now; this says whether a change
# made the platform slower, on the same machine in the same hour.
#
#   bash infra/bench-compare.sh 686f0c8                             # every bench both commits have
#   bash infra/bench-compare.sh 686f0c8 event-store-append relay    # only these
#
# Env: BENCH_COMPARE_ROUNDS (default 2) rounds per side; BENCH_COMPARE_TOLERANCE (default 0.1) the
# noise allowed; BENCH_COMPARE_BASE_BUS_PORT / BENCH_COMPARE_HEAD_BUS_PORT (4341, 4342) each side's
# test bus; every BENCH_* variable reaches both sides. Each side is a git worktree under
# .local/bench-<side>-<commit> with its own npm ci, database (adminduk_bench_<side>) and bus.
# Results: .local/bench-compare/<base>-<head>/{base,head}/round-<n>/<bench>.json.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[ $# -ge 1 ] || die "usage: bash infra/bench-compare.sh <base commit> [bench ...]"
base_rev=$(git rev-parse --short "$1^{commit}" 2>/dev/null) || die "no such commit: $1"
head_rev=$(git rev-parse --short HEAD)
shift
ROUNDS=${BENCH_COMPARE_ROUNDS:-2}
TOLERANCE=${BENCH_COMPARE_TOLERANCE:-0.1}
out="$LOCAL/bench-compare/$base_rev-$head_rev"
ensure_node_modules

# Both sides alike: a worktree of the commit (never this working tree: uncommitted edits are not
# what is compared), its own node_modules, a database created fresh for this run and its own test
# bus (its ensure-bus.sh, its .local). A side that shared the working tree's long-lived test
# database and bus measured their accumulated state: its raw INSERT and raw JetStream baselines
# were 20-30% lower than the fresh side's.
declare -A dir port
prepare() { # side commit bus-port
  local side=$1 rev=$2 wt="$LOCAL/bench-$1-$2"
  if [ ! -d "$wt" ]; then
    log "checking out $rev in $wt"
    git worktree add --detach "$wt" "$rev" >/dev/null || die "git worktree add failed"
  fi
  if [ ! -d "$wt/node_modules/.bin" ]; then
    log "npm ci in $wt"
    (cd "$wt" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci of $rev failed"
  fi
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS adminduk_bench_$side WITH (FORCE)" -c "CREATE DATABASE adminduk_bench_$side" ||
    die "cannot create adminduk_bench_$side"
  dir[$side]=$wt
  port[$side]=$3
}
prepare base "$base_rev" "${BENCH_COMPARE_BASE_BUS_PORT:-4341}"
prepare head "$head_rev" "${BENCH_COMPARE_HEAD_BUS_PORT:-4342}"
stop_buses() {
  for side in base head; do
    [ -f "${dir[$side]}/.local/bus-test/pid" ] && kill "$(cat "${dir[$side]}/.local/bus-test/pid")" 2>/dev/null
  done
  true
}
trap stop_buses EXIT

# The benches both sides have (those named, or all).
names=()
if [ $# -gt 0 ]; then
  names=("${@%.bench.ts}")
else
  for f in "${dir[head]}"/bench/*.bench.ts; do
    n=$(basename "$f" .bench.ts)
    [ -f "${dir[base]}/bench/$n.bench.ts" ] && names+=("$n")
  done
fi
for n in "${names[@]}"; do
  [ -f "${dir[head]}/bench/$n.bench.ts" ] && [ -f "${dir[base]}/bench/$n.bench.ts" ] || die "bench $n is not in both commits"
done

rm -rf "$out"
mkdir -p "$out"
for round in $(seq 1 "$ROUNDS"); do
  for side in base head; do
    db=postgres://postgres@127.0.0.1:5432/adminduk_bench_$side
    log "round $round of $ROUNDS: $side ($([ $side = base ] && echo "$base_rev" || echo "$head_rev")): ${names[*]}"
    touch "$out/.round-start"
    sleep 1 # mtime granularity: results written from now on are newer than the marker
    (cd "${dir[$side]}" && TEST_DATABASE_URL=$db BENCH_DATABASE_URL=$db TEST_BUS_PORT=${port[$side]} bash infra/bench.sh "${names[@]}") ||
      log "WARNING: $side round $round: a bench crashed (its figures are missing)"
    mkdir -p "$out/$side/round-$round"
    for n in "${names[@]}"; do
      f="${dir[$side]}/bench/results/$n.json"
      if [ "$f" -nt "$out/.round-start" ]; then cp "$f" "$out/$side/round-$round/"; fi
    done
  done
done

log "$base_rev (base) against $head_rev (head), $ROUNDS rounds each; results in $out"
node -r @swc-node/register tools/bench/cli.ts compare "$out/base" "$out/head" "$TOLERANCE"
