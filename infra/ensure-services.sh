#!/usr/bin/env bash
# Makes sure PostgreSQL and NATS with JetStream answer on 127.0.0.1, installing and starting them
# from Debian packages when they do not. Idempotent; relies on nothing started by hand.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
NATS_HOST=127.0.0.1; NATS_PORT=${NATS_PORT:-4222}

ensure_postgres() {
  if port_open "$PGHOST" "$PGPORT"; then return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql
    # Local development only: trust connections from this machine, as the CI machines do.
    local hba; hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -1)
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$hba"
  fi
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  wait_port "$PGHOST" "$PGPORT" 30 || die "PostgreSQL did not come up on $PGHOST:$PGPORT"
}

ensure_databases() {
  local db
  for db in adminduk adminduk_test; do
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || psql -h "$PGHOST" -p "$PGPORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null
  done
}

ensure_nats() {
  if port_open "$NATS_HOST" "$NATS_PORT"; then return; fi
  command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || apt_install nats-server
  local bin; bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  mkdir -p "$LOCAL/nats"
  log "starting NATS with JetStream"
  start-stop-daemon --start --oknodo --background --pidfile "$LOCAL/nats/pid" --make-pidfile \
    --exec "$bin" -- -a "$NATS_HOST" -p "$NATS_PORT" -js -sd "$LOCAL/nats" -l "$LOCAL/nats/server.log"
  wait_port "$NATS_HOST" "$NATS_PORT" 20 || die "NATS did not come up on $NATS_HOST:$NATS_PORT (see $LOCAL/nats/server.log)"
}

command -v psql >/dev/null 2>&1 || apt_install postgresql-client
ensure_postgres
ensure_databases
ensure_nats
log "PostgreSQL $PGHOST:$PGPORT and NATS $NATS_HOST:$NATS_PORT are ready"
