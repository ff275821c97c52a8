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
# Mail: the suites start their own SMTP server (libs/notifications startSmtpTestServer, npm smtp-server)
# on a free port; nothing external, no maildev.
log "tests (jest: unit, int, e2e)"
mkdir -p "$LOCAL"
status=0
npx jest -c jest.config.js --maxWorkers=2 --json --outputFile="$LOCAL/jest-results.json" "$@" || status=$?
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$LOCAL/jest-results.json" || true
exit $status
