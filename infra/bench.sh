#!/usr/bin/env bash
# Runs every benchmark in bench/*.bench.ts, one after another (they measure the machine, so never
# in parallel), then summarises bench/results/*.json. `npm run bench` runs this.
#
#   bash infra/bench.sh                 # all benchmarks
#   bash infra/bench.sh relay kk-sign   # only bench/relay.bench.ts and bench/kk-sign.bench.ts
#
# Env: BENCH_TIMEOUT_SECONDS (default 900) stops a bench that hangs; BENCH_DIR (default bench) is
# where the *.bench.ts files are, results in $BENCH_DIR/results; each bench reads its own BENCH_*
# variables (see the comment at the top of each file).
#
# Exit status is non-zero only when a bench crashes (or hangs): a bench that ran but missed its
# target is reported in the summary, not treated as a failure. A bench "ran" when it wrote its
# results file (results/<name>.json) during this run; some benches exit 1 on a missed target after
# writing it.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

TIMEOUT=${BENCH_TIMEOUT_SECONDS:-900}
BENCH_DIR=${BENCH_DIR:-bench}
RESULTS="$BENCH_DIR/results"

ensure_node_modules
# Benchmarks run the services against this machine's servers, as the tests do.
export ADMINDUK_ENV=test
# Benchmarks write far faster than people: rate limits out of reach (docs/runbook.md, "Rate limits").
for limit in RATE_LIMIT_USER_WRITES_PER_MIN RATE_LIMIT_ADDRESS_WRITES_PER_MIN RATE_LIMIT_PUBLIC_PER_MIN; do
  export "$limit=${!limit:-1000000}"
done
bash infra/ensure-services.sh || die "PostgreSQL is not available"
bash infra/ensure-bus.sh test || die "the NATS bus is not available"
# Benches get their schemas from the migration runner (libs/testing createTestSchema); run it once
# here too, so a broken migration stops the run before any bench starts.
DATABASE_URL=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/adminduk_test}} npm run --silent migrate ||
  die "database migration failed"
if [ -f infra/ensure-debian-tools.sh ]; then
  bash infra/ensure-debian-tools.sh || log "WARNING: Debian tools (PDF tools, chromium) missing; benches that need them may fail"
fi

benches=()
if [ $# -gt 0 ]; then
  for name in "$@"; do
    file="$BENCH_DIR/${name%.bench.ts}.bench.ts"
    [ -f "$file" ] || die "no such benchmark: $file"
    benches+=("$file")
  done
else
  shopt -s nullglob
  benches=("$BENCH_DIR"/*.bench.ts)
  shopt -u nullglob
fi
[ ${#benches[@]} -gt 0 ] || die "no $BENCH_DIR/*.bench.ts found"

mkdir -p "$RESULTS" "$LOCAL"
marker="$LOCAL/bench-run.$$"
run_marker="$LOCAL/bench-run-start.$$"
trap 'rm -f "$marker" "$run_marker"' EXIT
touch "$run_marker"

crashed=()
declare -A outcome
for file in "${benches[@]}"; do
  name=$(basename "$file" .bench.ts)
  touch "$marker"
  sleep 1 # mtime granularity: a results file written from now on is newer than the marker
  log "bench $name ($file)"
  start=$(date +%s)
  timeout --kill-after=10 "$TIMEOUT" node -r @swc-node/register "$file"
  status=$?
  seconds=$(($(date +%s) - start))
  # Its own results file (bench/x.bench.ts writes results/x.json); any file if it names none.
  own="$name.json"; [ -f "$RESULTS/$own" ] || own='*.json'
  fresh=$(find "$RESULTS" -maxdepth 1 -name "$own" -newer "$marker" | wc -l)
  if [ "$status" -eq 0 ]; then
    outcome[$name]="ok (${seconds}s)"
  elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    outcome[$name]="HUNG: stopped after ${TIMEOUT}s"
    crashed+=("$name")
  elif [ "$fresh" -gt 0 ]; then
    outcome[$name]="ran, exit $status (target missed; ${seconds}s)"
  else
    outcome[$name]="CRASHED: exit $status, no results written (${seconds}s)"
    crashed+=("$name")
  fi
  log "bench $name: ${outcome[$name]}"
  echo
done

log "results in $RESULTS/"
node -r @swc-node/register tools/bench/cli.ts summary "$RESULTS" "$run_marker"

echo
log "summary"
for file in "${benches[@]}"; do
  name=$(basename "$file" .bench.ts)
  printf '  %-24s %s\n' "$name" "${outcome[$name]}"
done
if [ ${#crashed[@]} -gt 0 ]; then
  die "crashed or hung: ${crashed[*]}"
fi
