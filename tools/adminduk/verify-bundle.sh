#!/usr/bin/env bash
# Verifies an `adminduk export` bundle with standard tools only (bash, jq, openssl 3, sha256sum,
# xxd): what a third party without the platform's code runs. docs/audit.md explains each step.
#   usage: verify-bundle.sh BUNDLE.json PUBLISHED_CHECKPOINT_KEY.pub.pem
# Prints "valid: ..." and exits 0, or "INVALID: <what>" and exits 1.
set -euo pipefail
bundle=$1
key=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "INVALID: $*"
  exit 1
}
sha() { sha256sum | cut -d' ' -f1; }
field() { jq -r "$1" "$bundle"; }
# RFC 9162 interior node: SHA-256(0x01 || left || right).
node_hash() { (printf '\x01' && printf '%s%s' "$1" "$2" | xxd -r -p) | sha; }

# 1. The checkpoint is signed by the published key: same key id, and openssl verifies the note.
[ "$(openssl pkey -pubin -in "$key" -outform DER | sha)" = "$(field .checkpoint.keyId)" ] || fail "checkpoint not signed by this key"
jq -j .checkpoint.note "$bundle" >"$tmp/note"
printf 'adminduk-event-log/v1\n%s\n%s\n%s\n%s\n' "$(field .checkpoint.treeSize)" "$(field .checkpoint.rootHash)" \
  "$(field .checkpoint.position)" "$(field .checkpoint.issuedAt)" | cmp -s - "$tmp/note" || fail "the note does not state the checkpoint"
# A flipped character can leave the signature undecodable: that is a bad signature too, said as such.
field .checkpoint.signature | base64 -d >"$tmp/sig" 2>/dev/null || fail "checkpoint signature is not base64"
openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$tmp/note" -sigfile "$tmp/sig" >/dev/null 2>&1 || fail "checkpoint signature"

size=$(field .checkpoint.treeSize)
root=$(field .checkpoint.rootHash)
prev=0000000000000000000000000000000000000000000000000000000000000000
count=$(jq '.events | length' "$bundle")
for ((i = 0; i < count; i++)); do
  e=".events[$i]"
  # 2. The content hash is SHA-256 of the content, byte for byte; the chain links to the previous event.
  content_hash=$(jq -j "$e.content" "$bundle" | sha)
  [ "$content_hash" = "$(field "$e.contentHash")" ] || fail "event $i: content hash"
  [ "$(field "$e.prevHash")" = "$prev" ] || fail "event $i: prevHash is not the previous event's hash"
  hash=$(printf '%s%s' "$prev" "$content_hash" | xxd -r -p | sha)
  [ "$hash" = "$(field "$e.hash")" ] || fail "event $i: hash"
  # 3. The event is in the signed tree: its leaf, SHA-256(0x00 || hash), folded along its audit
  #    path (RFC 9162 section 2.1.3.2) gives the checkpoint's root.
  r=$( (printf '\x00' && printf '%s' "$hash" | xxd -r -p) | sha)
  fn=$(field "$e.leafIndex")
  sn=$((size - 1))
  for p in $(field "$e.inclusionProof[]"); do
    [ "$sn" -gt 0 ] || fail "event $i: inclusion proof too long"
    if ((fn % 2 == 1 || fn == sn)); then
      r=$(node_hash "$p" "$r")
      while ((fn % 2 == 0 && fn != 0)); do
        fn=$((fn / 2))
        sn=$((sn / 2))
      done
    else
      r=$(node_hash "$r" "$p")
    fi
    fn=$((fn / 2))
    sn=$((sn / 2))
  done
  [ "$sn" -eq 0 ] && [ "$r" = "$root" ] || fail "event $i: not in checkpoint $size"
  prev=$hash
done
echo "valid: $count events of $(field .streamId) in checkpoint $size"
