#!/usr/bin/env bash
# Runs benchmarks on an earlier commit and on this checkout in one run, alternated (base, head,
# base, head, ...), each with that commit's own `infra/bench.sh`, then prints every headline figure
# both reported (the median of the rounds) side by side, and exits 1 if one is worse than the base
# beyond the tolerance. `npm run bench` measures the machine as it is now; this says whether a change
# made the platform slower, on the same machine in the same hour.
#
#   bash infra/bench-compare.sh 686f0c8                             # every bench both commits have
#   bash infra/bench-compare.sh 686f0c8 event-store-append relay    # only these
#
# Env: BENCH_COMPARE_ROUNDS (default 2) rounds per side; BENCH_COMPARE_TOLERANCE (default 0.1) the
# noise allowed; BENCH_COMPARE_BASE_BUS_PORT (default 4341) the base's own test bus; every BENCH_*
# variable reaches both sides. The base is checked out in a git worktree
# under .local/bench-base-<commit> (its node_modules linked when the lockfiles agree, else `npm ci`)
# and writes to its own database (adminduk_bench_base), so neither side sees the other's tables.
# Results: .local/bench-compare/<commit>/{base,head}/round-<n>/<bench>.json.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[ $# -ge 1 ] || die "usage: bash infra/bench-compare.sh <base commit> [bench ...]"
rev=$(git rev-parse --short "$1^{commit}" 2>/dev/null) || die "no such commit: $1"
shift
ROUNDS=${BENCH_COMPARE_ROUNDS:-2}
TOLERANCE=${BENCH_COMPARE_TOLERANCE:-0.1}
base="$LOCAL/bench-base-$rev"
out="$LOCAL/bench-compare/$rev"

ensure_node_modules
if [ ! -d "$base" ]; then
  log "checking out $rev in $base"
  git worktree add --detach "$base" "$rev" >/dev/null || die "git worktree add failed"
fi
if [ ! -e "$base/node_modules" ]; then
  if cmp -s package-lock.json "$base/package-lock.json"; then
    ln -s "$ROOT/node_modules" "$base/node_modules"
  else
    log "the base's lockfile differs: npm ci in $base"
    (cd "$base" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci of the base failed"
  fi
fi
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'adminduk_bench_base'" | grep -q 1 ||
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE adminduk_bench_base" || die "cannot create adminduk_bench_base"

# The benches both sides have (those named, or all).
names=()
if [ $# -gt 0 ]; then
  names=("${@%.bench.ts}")
else
  for f in bench/*.bench.ts; do
    n=$(basename "$f" .bench.ts)
    [ -f "$base/bench/$n.bench.ts" ] && names+=("$n")
  done
fi
for n in "${names[@]}"; do
  [ -f "bench/$n.bench.ts" ] && [ -f "$base/bench/$n.bench.ts" ] || die "bench $n is not in both commits"
done

rm -rf "$out"
mkdir -p "$out"
# The base runs its own test bus (its ensure-bus.sh, its .local): stopped at the end.
BASE_BUS_PORT=${BENCH_COMPARE_BASE_BUS_PORT:-4341}
trap '[ -f "$base/.local/bus-test/pid" ] && kill "$(cat "$base/.local/bus-test/pid")" 2>/dev/null' EXIT
for round in $(seq 1 "$ROUNDS"); do
  for side in base head; do
    dir=$ROOT
    env=()
    if [ "$side" = base ]; then
      dir=$base
      env=(TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/adminduk_bench_base
        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/adminduk_bench_base
        TEST_BUS_PORT="$BASE_BUS_PORT")
    fi
    log "round $round of $ROUNDS: $side ($([ "$side" = base ] && echo "$rev" || git rev-parse --short HEAD)): ${names[*]}"
    touch "$out/.round-start"
    sleep 1 # mtime granularity: results written from now on are newer than the marker
    (cd "$dir" && env "${env[@]}" bash infra/bench.sh "${names[@]}") || log "WARNING: $side round $round: a bench crashed (its figures are missing)"
    mkdir -p "$out/$side/round-$round"
    for n in "${names[@]}"; do
      f="$dir/bench/results/$n.json"
      if [ "$f" -nt "$out/.round-start" ]; then cp "$f" "$out/$side/round-$round/"; fi
    done
  done
done

log "$rev (base) against $(git rev-parse --short HEAD) (head), $ROUNDS rounds each; results in $out"
node -r @swc-node/register tools/bench/cli.ts compare "$out/base" "$out/head" "$TOLERANCE"
