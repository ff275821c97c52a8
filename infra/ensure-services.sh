#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1 with the project's databases, installing and starting
# it from Debian packages when it does not. Idempotent; relies on nothing started by hand. The NATS
# bus is the project's own server with its users (infra/ensure-bus.sh), not the machine's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}

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


command -v psql >/dev/null 2>&1 || apt_install postgresql-client
ensure_postgres
ensure_databases
log "PostgreSQL $PGHOST:$PGPORT is ready"
