#!/usr/bin/env bash
# The full test suite: installs what it needs, type-checks, lints, then runs every Jest tier
# against real PostgreSQL and NATS. `npm test` runs this; so does .ci/run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
# Every service refuses to start without an explicit environment (libs/config/src/environment.ts).
export ADMINDUK_ENV=test
bash infra/ensure-services.sh
bash infra/ensure-bus.sh test
# Containers (decision 0024): a Docker engine for the image build and the container smoke test
# (tools/containers); stopped when this run ends if this run started it. Without root (exit 3) it is
# not started and that test skips by name; as root (CI) an engine that will not start fails the run.
# The images build in the background while the Debian tools install and the type-check, build and
# lint run: each of those keeps one core busy, the image build (debootstrap, npm ci, a compile)
# mostly the other; one after the other they took about 8 minutes of CI's 20.
images_pid=
start_docker_engine() {
  local engine=0 answering=0
  bash infra/docker-engine.sh check && answering=1
  bash infra/docker-engine.sh start || engine=$?
  case $engine in
    0)
      # Stopped at the end only when this run started it: an engine that already answered belongs to
      # whoever started it (another run, the machine's set-up) and is left running for them.
      [ $answering = 1 ] || trap 'stop_images; bash infra/docker-engine.sh stop' EXIT
      # Their Debian packages first, here: apt in the background would race ensure-debian-tools' apt.
      command -v debootstrap >/dev/null 2>&1 && command -v rsync >/dev/null 2>&1 || apt_install debootstrap rsync
      log "images in the background (infra/docker-images.sh: one per service, from the one Dockerfile; .local/docker-images.log)"
      mkdir -p "$LOCAL"
      bash infra/docker-images.sh >"$LOCAL/docker-images.log" 2>&1 &
      images_pid=$!
      ;;
    3) log "no Docker engine: the container smoke test will say so and skip" ;;
    *) die "the Docker engine did not start (.local/dockerd.log)" ;;
  esac
}
stop_images() { [ -z "$images_pid" ] || kill "$images_pid" 2>/dev/null || true; }
trap stop_images EXIT
start_docker_engine
bash infra/ensure-debian-tools.sh
# The runner on the test database, as start.sh does before services; each suite then gets its own
# schema migrated by the same runner (libs/testing createTestSchema).
log "migrate (npm run migrate, test database)"
DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/adminduk_test} npm run --silent migrate

log "type-check (tsc, everything including tests)"
npx tsc -p tsconfig.json
log "production build (tsc -b: each package into its own dist/), then run compiled with no require hook"
npm run --silent build
bash infra/check-dist.sh
log "lint (eslint, prettier)"
npm run --silent lint
if [ -n "$images_pid" ]; then
  log "waiting for the images"
  if ! wait "$images_pid"; then
    images_pid=
    cat "$LOCAL/docker-images.log" >&2
    die "the image build failed (.local/docker-images.log)"
  fi
  images_pid=
  cat "$LOCAL/docker-images.log" >&2
fi
# Mail: the suites start their own SMTP server (libs/notifications startSmtpTestServer, npm smtp-server)
# on a free port; nothing external, no maildev.
log "tests (jest: unit, int, e2e, browser; then the faults tier on its own)"
mkdir -p "$LOCAL"
status=0
summary() {
  node -e '
    const r = require(process.argv[1]);
    console.log(`${process.argv[2]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
  ' "$1" "$2" || true
}
if [ $# -gt 0 ]; then
  npx jest -c jest.config.js --maxWorkers=2 --json --outputFile="$LOCAL/jest-results.json" "$@" || status=$?
  summary "$LOCAL/jest-results.json" jest
else
  # The fault suite runs the whole platform as processes on both cores for minutes: beside the
  # browser tier it starved Chromium's pages past their timeouts, so it runs after the rest, alone.
  npx jest -c jest.config.js --maxWorkers=2 --selectProjects unit int e2e browser \
    --json --outputFile="$LOCAL/jest-results.json" || status=$?
  summary "$LOCAL/jest-results.json" "unit, int, e2e, browser"
  npx jest -c jest.config.js --maxWorkers=1 --selectProjects faults \
    --json --outputFile="$LOCAL/jest-results-faults.json" || status=$?
  summary "$LOCAL/jest-results-faults.json" faults
fi
exit $status
