#!/usr/bin/env bash
# Starts the whole platform on this machine: infrastructure, then each service as its own process.
# Ctrl-C stops everything this script started (and nothing else).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
bash infra/ensure-services.sh
bash infra/ensure-bus.sh dev

# The environment is an explicit choice (libs/config/src/environment.ts); this script is for development.
export ADMINDUK_ENV=${ADMINDUK_ENV:-development}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/adminduk}
# The project's own bus (infra/ensure-bus.sh): each service connects as its own nkey user.
export NATS_URL=${NATS_URL:-nats://127.0.0.1:${BUS_PORT:-4322}}
BUS_DIR="$LOCAL/bus"
bus_seed() { node -e 'const s=require(process.argv[1]); process.stdout.write(s[process.argv[2]] ?? "")' "$BUS_DIR/seeds.json" "$1"; }
export COMMAND_ASSERTION_PUBLIC_KEYS=${COMMAND_ASSERTION_PUBLIC_KEYS:-$(cat "$BUS_DIR/command-assertion.pub.pem")}
# One origin (docs/web.md): browsers reach the issuer through the web edge at :8080/auth, so that is
# the issuer tokens name; services fetch the keys from auth-dev directly.
export WEB_URL=${WEB_URL:-http://127.0.0.1:8080}
export AUTH_ISSUER=${AUTH_ISSUER:-$WEB_URL/auth}
export AUTH_JWKS_URL=${AUTH_JWKS_URL:-http://127.0.0.1:3001/.well-known/jwks.json}
export OIDC_ISSUER=${OIDC_ISSUER:-$AUTH_ISSUER}
export AUTH_AUDIENCE=${AUTH_AUDIENCE:-adminduk}
export LOG_LEVEL=${LOG_LEVEL:-info}

# Schema changes are their own step, before any service starts: services never create tables.
log "migrating the database schema (npm run migrate)"
npm run --silent migrate || die "database migration failed"

# Signing (services/signing): the development PKI (CA + signer PKCS#12 in .local/pki, git-ignored),
# the public verification base URL put in the QR code, a stable document-id key, auto-sign on.
mkdir -p "$LOCAL"
[ -f "$LOCAL/pki/signer.p12" ] || bash infra/dev-pki.sh
if [ ! -f "$LOCAL/signing-document-id.secret" ]; then
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$LOCAL/signing-document-id.secret")
fi
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-$WEB_URL}
export DOCUMENT_ID_SECRET=${DOCUMENT_ID_SECRET:-$(cat "$LOCAL/signing-document-id.secret")}
export KEPALA_DINAS_NAMA=${KEPALA_DINAS_NAMA:-"DRS. CONTOH PEJABAT, M.SI (DEV)"}
export KEPALA_DINAS_NIP=${KEPALA_DINAS_NIP:-197001011990031001}
export SIGNING_AUTO=${SIGNING_AUTO:-true}
# Audit (decision 0022): the relay signs checkpoints of the global log with the development key.
bash infra/checkpoint-key.sh >/dev/null
export CHECKPOINT_SIGNING_KEY_FILE=${CHECKPOINT_SIGNING_KEY_FILE:-$LOCAL/audit/checkpoint-key.pem}
export ADMINDUK_CHECKPOINT_KEYS=${ADMINDUK_CHECKPOINT_KEYS:-$LOCAL/audit/checkpoint-key.pub.pem}

mkdir -p "$LOCAL/logs"
# The web app's bundle (services/web/dist/public), which services/web serves.
log "building the web app (esbuild)"
node -r @swc-node/register services/web/tools/build-assets.ts >/dev/null || die "web app build failed"
pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping ${#pids[@]} services"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# The local S3 server (documents) first: the documents service waits for it.
node -r @swc-node/register infra/s3-local.ts >"$LOCAL/logs/s3-local.log" 2>&1 &
pids+=("$!")
log "started local S3 (pid $!, port 9000, log .local/logs/s3-local.log)"

# Mail (services/notifications): maildev catches every mail (nothing leaves the machine) and shows
# it at http://127.0.0.1:1080; SMS/WhatsApp go to a JSON-lines file. Skipped if something already
# listens on the SMTP port (e.g. a maildev left running).
export SMTP_HOST=${SMTP_HOST:-127.0.0.1}
export SMTP_PORT=${SMTP_PORT:-${MAIL_SMTP_PORT:-1025}}
export TEXT_MESSAGE_ADAPTER=${TEXT_MESSAGE_ADAPTER:-file}
export TEXT_MESSAGE_FILE=${TEXT_MESSAGE_FILE:-$LOCAL/text-messages.jsonl}
# Links people open (mails, QR codes) point at the web app's one origin.
export STATUS_PUBLIC_URL=${STATUS_PUBLIC_URL:-$WEB_URL/lacak}
export SELF_PRINT_BASE_URL=${SELF_PRINT_BASE_URL:-$WEB_URL}
MAIL_WEB="http://127.0.0.1:${MAIL_WEB_PORT:-1080}"
if port_open 127.0.0.1 "$SMTP_PORT"; then
  log "mail: port $SMTP_PORT already answers; using that server (maildev's inbox: $MAIL_WEB)"
else
  bash infra/mail-dev.sh >"$LOCAL/logs/maildev.log" 2>&1 &
  pids+=("$!")
  log "started maildev (pid $!, SMTP 127.0.0.1:$SMTP_PORT, inbox $MAIL_WEB, log .local/logs/maildev.log)"
fi

# name port
SERVICES=(
  "auth-dev 3001"
  "intake 3102"
  "projections 3103"
  "relay 3104"
  "documents 3105"
  "verification 3106"
  "signing 3107"
  "printing 3108"
  "notifications 3109"
  "complaints 3110"
  "gateway 3000"
  "web 8080"
)
for entry in "${SERVICES[@]}"; do
  read -r name port <<<"$entry"
  [ -f "services/$name/src/main.ts" ] || continue
  # Only the gateway holds the key that signs who sent a command.
  signing_key=; [ "$name" = gateway ] && signing_key=$(cat "$BUS_DIR/command-assertion.key.pem")
  # The gateway merges every other service's OpenAPI document into GET /api/openapi.json.
  openapi_sources=
  if [ "$name" = gateway ]; then
    for other in "${SERVICES[@]}"; do
      read -r oname oport <<<"$other"
      [ "$oname" = gateway ] || [ ! -f "services/$oname/src/main.ts" ] || openapi_sources+="${openapi_sources:+,}$oname=http://127.0.0.1:$oport"
    done
  fi
  # The receipt's QR code opens the public status page (/lacak: the web app's, on the one origin).
  public_base=$PUBLIC_BASE_URL; [ "$name" = printing ] && public_base=${TRACKING_BASE_URL:-$WEB_URL}
  PORT=$port NATS_NKEY_SEED=$(bus_seed "$name") COMMAND_ASSERTION_PRIVATE_KEY=$signing_key PUBLIC_BASE_URL=$public_base \
    OPENAPI_SERVICE_URLS=$openapi_sources \
    node -r @swc-node/register "services/$name/src/main.ts" >"$LOCAL/logs/$name.log" 2>&1 &
  pids+=("$!")
  log "started $name (pid $!, port $port, log .local/logs/$name.log)"
done

for entry in "${SERVICES[@]}"; do
  read -r name port <<<"$entry"
  [ -f "services/$name/src/main.ts" ] || continue
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 || log "WARNING: $name is not ready yet (see .local/logs/$name.log)"
done

cat <<MSG

  Adminduk platform is running.
    Web app:      $WEB_URL  (one origin: the app, /api, uploads, downloads, /verifikasi, /cetak, /auth)
    API:          http://127.0.0.1:3000/api
    OpenAPI docs: http://127.0.0.1:3000/api/docs  (every service: /api/openapi.json)
    Documents:    http://127.0.0.1:3105/api  (scan upload and download)
    Printing:     http://127.0.0.1:3108/api/printing  (print queue, KK PDF, tanda terima, print counts)
    Complaints:   http://127.0.0.1:3110/api/complaints  (pengaduan handling; public form /api/public/pengaduan)
    Dev issuer:   $AUTH_ISSUER  (POST /token {"username","password"})
    Mail inbox:   $MAIL_WEB  (every mail the platform sends; SMS/WhatsApp: tail -f $TEXT_MESSAGE_FILE)

  Demo logins (development only, password "demo" for all):
$(node -r @swc-node/register services/auth-dev/src/print-demo-users.ts 2>/dev/null | sed 's/^/    /' || echo "    (auth-dev not available)")

  Logs: .local/logs/   Stop: Ctrl-C
MSG
wait
