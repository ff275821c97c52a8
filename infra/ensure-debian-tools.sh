#!/usr/bin/env bash
# The Debian tools the tests drive: the PDF tools of the signed-KK acceptance tests (libs/kk-document):
# pdfsig/pdftoppm/pdftotext (poppler-utils), qpdf, zbarimg (zbar-tools), certutil (libnss3-tools, for
# the NSS database pdfsig trusts); and Chromium for the web app's browser tests (driven by
# playwright-core with executablePath; a browser is never downloaded); kubectl (kubernetes-client) for
# rendering the Kubernetes overlays (tools/k8s, `kubectl kustomize`: needs kustomize v4 or later, so an
# existing newer kubectl is kept). Installs a package only when its tool is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

declare -A PACKAGE_OF=([pdfsig]=poppler-utils [pdftoppm]=poppler-utils [qpdf]=qpdf [zbarimg]=zbar-tools [certutil]=libnss3-tools [pdftotext]=poppler-utils [chromium]=chromium [kubectl]=kubernetes-client)
missing=()
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$tool]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "Debian tools present (PDF tools, chromium, kubectl)"
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
apt_install "${packages[@]}"
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool still missing after installing ${PACKAGE_OF[$tool]}"
done
log "Debian tools installed: ${packages[*]}"
