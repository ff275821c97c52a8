#!/usr/bin/env bash
# Development PKI for KK signing: a CA and a signer certificate + PKCS#12 (never committed).
# Usage: infra/dev-pki.sh [DIR] [--force]   (DIR defaults to .local/pki, which git ignores)
# The PKCS#12 passphrase is DEV_SIGNER_PASSPHRASE when set, else random; it is written to
# DIR/signer.passphrase (mode 600). Trust DIR/ca.crt.pem in verifiers.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
exec node -r @swc-node/register infra/dev-pki.ts "$@"
