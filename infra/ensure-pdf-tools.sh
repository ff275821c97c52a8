#!/usr/bin/env bash
# Third-party PDF tools used by the signed-KK acceptance tests (libs/kk-document):
# pdfsig/pdftoppm (poppler-utils), qpdf, zbarimg (zbar-tools), certutil (libnss3-tools, for the
# NSS database pdfsig trusts). Installs the Debian packages only when a tool is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

declare -A PACKAGE_OF=([pdfsig]=poppler-utils [pdftoppm]=poppler-utils [qpdf]=qpdf [zbarimg]=zbar-tools [certutil]=libnss3-tools)
missing=()
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$tool]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "PDF tools present"
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
apt_install "${packages[@]}"
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool still missing after installing ${PACKAGE_OF[$tool]}"
done
log "PDF tools installed: ${packages[*]}"
