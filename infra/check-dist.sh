#!/usr/bin/env bash
# After `npm run build`: the compiled packages run as plain Node, resolved through node_modules workspace
# links and each lib's package.json "exports" (dist/), with no require hook. Loads every lib's entry, then
# boots one compiled service from its bundle (tools/service-bundle; the development issuer: no database or
# bus needed) until it answers /health/live.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

for pkg in libs/*/package.json; do
  name=$(node -p "require('./$pkg').name")
  [ "$(node -p "Boolean(require('./$pkg').exports?.['.'])")" = true ] || continue
  node -e 'require(process.argv[1])' "$name" || die "$name does not load from its compiled entry (npm run build?)"
done

port=$(node -e 'const s=require("node:net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
dir=$(mktemp -d)
ADMINDUK_ENV=development PORT=$port AUTH_DEV_KEY_DIR="$dir" node services/auth-dev/dist/bundle/start.js >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && { log "compiled auth-dev answers on :$port"; exit 0; }
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
cat "$dir/log" >&2
die "compiled auth-dev did not start: node services/auth-dev/dist/bundle/start.js"
