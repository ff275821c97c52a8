#!/usr/bin/env bash
# The checkpoint key for development and tests (decision 0022): an Ed25519 key pair the relay signs
# the global log's checkpoints with, never committed.
# Usage: infra/checkpoint-key.sh [DIR] [--force]   (DIR defaults to .local/audit, which git ignores)
# Writes DIR/checkpoint-key.pem (PKCS#8, mode 600) and DIR/checkpoint-key.pub.pem (what auditors
# trust: adminduk audit verify --key, verify-bundle --key). Production: docs/runbook.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
dir=.local/audit
force=false
for arg in "$@"; do
  case "$arg" in
  --force) force=true ;;
  *) dir=$arg ;;
  esac
done
if [ -f "$dir/checkpoint-key.pem" ] && [ "$force" = false ]; then
  log "checkpoint key exists: $dir/checkpoint-key.pem (--force to replace it)"
  exit 0
fi
mkdir -p "$dir"
(umask 077 && openssl genpkey -algorithm ed25519 -out "$dir/checkpoint-key.pem")
openssl pkey -in "$dir/checkpoint-key.pem" -pubout -out "$dir/checkpoint-key.pub.pem"
log "checkpoint key written: $dir/checkpoint-key.pem, public key $dir/checkpoint-key.pub.pem (key id $(openssl pkey -pubin -in "$dir/checkpoint-key.pub.pem" -outform DER | sha256sum | cut -c1-16)…)"
